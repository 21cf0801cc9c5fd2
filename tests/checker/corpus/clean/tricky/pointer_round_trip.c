// A pointer is advanced and brought back before the free.
#include <stdlib.h>

int run(void)
{
    char *p = malloc(16);
    if (!p) return -1;
    p += 4;
    p[0] = 1;
    p -= 4;
    free(p);
    return 0;
}
