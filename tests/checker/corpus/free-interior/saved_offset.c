// A pointer computed from the start of the block is freed instead of the start.
#include <stdlib.h>

void bad(void)
{
    int *p = calloc(8, sizeof *p);
    if (!p) return;
    int *second = p + 1;
    *second = 2;
    free(second); // expect: free-interior
}
