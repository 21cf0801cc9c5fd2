// p = realloc(p, n) loses the old block when realloc fails.
#include <stdlib.h>

int grow(size_t n)
{
    char *p = malloc(8);
    if (!p) return -1;
    p = realloc(p, n); // expect: leak
    if (!p) return -1;
    free(p);
    return 0;
}
