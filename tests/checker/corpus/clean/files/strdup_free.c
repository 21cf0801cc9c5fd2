// strdup and strndup results are freed with free().
#include <stdlib.h>
#include <string.h>

size_t both(const char *s)
{
    char *a = strdup(s);
    char *b = strndup(s, 2);
    size_t n = (a ? strlen(a) : 0) + (b ? strlen(b) : 0);
    free(a);
    free(b);
    return n;
}
