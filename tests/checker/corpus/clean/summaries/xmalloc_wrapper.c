// An xmalloc wrapper that aborts on failure; its result is freed normally.
#include <stdio.h>
#include <stdlib.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        abort();
    }
    return p;
}

int main(void)
{
    char *s = xmalloc(10);
    s[0] = 0;
    free(s);
    return 0;
}
