// An explicit == NULL check guards the use.
#include <stdlib.h>
#include <string.h>

int run(const char *s)
{
    char *c = strdup(s);
    if (c == NULL) return -1;
    size_t n = strlen(c);
    free(c);
    return (int)n;
}
