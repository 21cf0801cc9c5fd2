// The same block is freed twice in a row.
#include <stdlib.h>

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    free(p);
    free(p); // expect: double-free
    return 0;
}
