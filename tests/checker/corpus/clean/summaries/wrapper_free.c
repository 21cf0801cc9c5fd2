// A thin wrapper around free() used for every release.
#include <stdlib.h>

static void mem_release(void *p)
{
    if (p) free(p);
}

int main(void)
{
    void *a = malloc(4);
    void *b = malloc(8);
    mem_release(a);
    mem_release(b);
    return 0;
}
