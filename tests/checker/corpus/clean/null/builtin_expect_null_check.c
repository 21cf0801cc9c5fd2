// likely()/unlikely() wrap a null check in __builtin_expect, which returns its first operand:
// the failure branch holds no block, as with the plain check.
#include <stdlib.h>
#include <string.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

char *copy(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (unlikely(!p)) return NULL;
    memcpy(p, s, n);
    return p;
}

int *zeroed(size_t n)
{
    int *p = calloc(n, sizeof *p);
    if (__builtin_expect(p == NULL, 0)) return NULL;
    return p;
}

int fill(char **out)
{
    char *p = malloc(8);
    if (likely(p != NULL)) {
        *out = p;
        return 0;
    }
    return -1;
}
