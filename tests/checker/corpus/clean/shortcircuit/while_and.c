// A loop condition with && over an owned buffer, freed after the loop.
#include <stdlib.h>
#include <string.h>

size_t prefix_len(const char *a, const char *b)
{
    char *x = strdup(a);
    if (!x) return 0;
    size_t i = 0;
    while (x[i] && b[i] && x[i] == b[i])
        i++;
    free(x);
    return i;
}
