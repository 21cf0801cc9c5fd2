// After free the variable gets a new block; using that block is fine.
#include <stdlib.h>

int run(void)
{
    char *p = malloc(8);
    if (!p) return -1;
    free(p);
    p = malloc(16);
    if (!p) return -1;
    p[15] = 0;
    free(p);
    return 0;
}
