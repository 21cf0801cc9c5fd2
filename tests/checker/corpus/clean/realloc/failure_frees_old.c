// When realloc fails the old block is freed explicitly.
#include <stdlib.h>

int *grow(int *a, size_t n)
{
    int *tmp = realloc(a, n * sizeof *a);
    if (!tmp) {
        free(a);
        return NULL;
    }
    return tmp;
}
