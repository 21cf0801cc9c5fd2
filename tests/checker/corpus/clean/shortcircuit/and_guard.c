// p && p[0] never dereferences a NULL pointer; the block is freed on every path.
#include <stdlib.h>
#include <string.h>

int starts_with_x(const char *s)
{
    char *c = strdup(s);
    int r = c && c[0] == 'x';
    free(c);
    return r;
}
