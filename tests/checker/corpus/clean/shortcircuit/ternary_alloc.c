// A conditional expression picks which size to allocate; one free follows.
#include <stdlib.h>

int run(int big)
{
    char *p = big ? malloc(4096) : malloc(16);
    if (!p) return -1;
    p[0] = 0;
    free(p);
    return 0;
}
