// Returning when malloc failed leaks nothing: there is no block.
#include <stdlib.h>

char *make(size_t n)
{
    char *p = malloc(n);
    if (p == NULL) return NULL;
    p[0] = 0;
    return p;
}
