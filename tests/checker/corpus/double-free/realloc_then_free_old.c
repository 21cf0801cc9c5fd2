// After a successful realloc the old pointer is freed as well.
#include <stdlib.h>

int main(void)
{
    int *p = malloc(4 * sizeof *p);
    if (!p) return 1;
    int *q = realloc(p, 8 * sizeof *q);
    if (!q) {
        free(p);
        return 1;
    }
    free(p); // expect: double-free
    free(q);
    return 0;
}
