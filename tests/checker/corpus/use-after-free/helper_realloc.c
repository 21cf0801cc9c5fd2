// A helper reallocates; the caller keeps using the pointer it passed in.
#include <stdlib.h>

static char *grow(char *p, size_t n)
{
    return realloc(p, n);
}

int main(void)
{
    char *p = malloc(8);
    if (!p) return 1;
    char *q = grow(p, 64);
    if (!q) {
        free(p);
        return 1;
    }
    p[0] = 'x'; // expect: use-after-free
    free(q);
    return 0;
}
