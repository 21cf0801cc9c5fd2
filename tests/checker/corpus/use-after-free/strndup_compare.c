// A strndup'd prefix is compared after free.
#include <stdlib.h>
#include <string.h>

int has_prefix(const char *s, const char *want)
{
    char *prefix = strndup(s, 3);
    if (!prefix) return 0;
    free(prefix);
    int r = strcmp(prefix, want) == 0; // expect: use-after-free
    return r;
}
