// memcpy returns its destination: returning its result hands the new block to the caller
// (kmod's memdup).
#include <stdlib.h>
#include <string.h>

void *memdup(const void *p, size_t n)
{
    void *r = malloc(n);

    if (r == NULL)
        return NULL;

    return memcpy(r, p, n);
}

char *concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (!s) return NULL;
    strcpy(s, a);
    return strcat(s, b);
}
