// A helper fills its parameter and returns it; the caller frees the result exactly once.
#include <stdlib.h>
#include <string.h>

static char *fill(char *p, size_t n)
{
    memset(p, 'z', n - 1);
    p[n - 1] = 0;
    return p;
}

int main(void)
{
    char *p = malloc(6);
    if (!p) return 1;
    char *q = fill(p, 6);
    free(q);
    return 0;
}
