// A helper frees the old block and stores a new one through the pointer; the caller frees once.
#include <stdlib.h>

static int reset(char **pp, size_t n)
{
    free(*pp);
    *pp = malloc(n);
    return *pp ? 0 : -1;
}

int main(void)
{
    char *p = malloc(4);
    if (!p) return 1;
    if (reset(&p, 32) < 0) return 1;
    p[31] = 0;
    free(p);
    return 0;
}
