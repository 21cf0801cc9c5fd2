// assert() on an impossible state ends the path in debug builds and is skipped in the analysis.
#include <assert.h>
#include <stdlib.h>

int run(int n)
{
    char *p = malloc(8);
    if (!p) return -1;
    assert(n >= 0);
    p[0] = (char)n;
    int r = p[0];
    free(p);
    return r;
}
