// A cleanup variable is freed and replaced before the scope ends; the cleanup frees the new one.
#include <stdlib.h>

static void freep(void *p)
{
    free(*(void **)p);
}

int run(void)
{
    __attribute__((cleanup(freep))) char *p = malloc(8);
    if (!p) return -1;
    free(p);
    p = malloc(16);
    if (!p) return -1;
    p[0] = 1;
    return 0;
}
