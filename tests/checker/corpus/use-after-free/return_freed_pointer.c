// A pointer is passed back to the caller after the block it points to was freed.
#include <stdlib.h>

char *make_buffer(size_t n, int fail)
{
    char *p = malloc(n);
    if (!p) return NULL;
    if (fail) free(p);
    return p; // expect: use-after-free
}
