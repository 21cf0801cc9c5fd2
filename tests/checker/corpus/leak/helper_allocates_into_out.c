// A helper returns an allocation through an out-parameter; the caller drops it.
#include <stdlib.h>

static int alloc_buf(char **out, size_t n)
{
    *out = malloc(n);
    return *out ? 0 : -1;
}

int use_buf(void)
{
    char *b;
    if (alloc_buf(&b, 16) < 0) return -1;
    b[0] = 'z';
    return 0; // expect: leak
}
