// The pointer is stolen from a cleanup variable (set to NULL) and returned to the caller.
#include <stdlib.h>
#include <string.h>

static void freep(void *p)
{
    free(*(void **)p);
}

char *dup_upper(const char *s)
{
    __attribute__((cleanup(freep))) char *c = strdup(s);
    if (!c) return NULL;
    if (c[0] >= 'a' && c[0] <= 'z') c[0] = (char)(c[0] - 32);
    char *r = c;
    c = NULL;
    return r;
}
