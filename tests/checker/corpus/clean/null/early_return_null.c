// The allocation is checked for NULL with an early return.
#include <stdlib.h>

int run(void)
{
    int *p = malloc(sizeof *p);
    if (!p) return -1;
    *p = 1;
    free(p);
    return 0;
}
