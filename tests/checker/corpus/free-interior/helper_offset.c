// A helper of the same file returns a pointer past a two-byte prefix; that pointer is freed.
#include <stdlib.h>

static char *skip_prefix(char *p)
{
    return p + 2;
}

void bad(void)
{
    char *p = malloc(10);
    if (!p) return;
    char *body = skip_prefix(p);
    free(body); // expect: free-interior
}
