// A matrix row is freed and then filled.
#include <stdlib.h>
#include <string.h>

int main(void)
{
    int *row = calloc(4, sizeof *row);
    if (!row) return 1;
    free(row);
    memset(row, 0, 4 * sizeof *row); // expect: use-after-free
    return 0;
}
