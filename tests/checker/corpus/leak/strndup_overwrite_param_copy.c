// A local copy is replaced by a second copy without freeing the first.
#include <stdlib.h>
#include <string.h>

size_t twice(const char *s)
{
    char *c = strndup(s, 4);
    if (!c) return 0;
    c = strndup(s, 8); // expect: leak
    if (!c) return 0;
    size_t n = strlen(c);
    free(c);
    return n;
}
