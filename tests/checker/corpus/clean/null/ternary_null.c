// A conditional expression tests the pointer before using it.
#include <stdlib.h>
#include <string.h>

size_t len_or_zero(const char *s)
{
    char *c = strdup(s);
    size_t n = c ? strlen(c) : 0;
    free(c);
    return n;
}
