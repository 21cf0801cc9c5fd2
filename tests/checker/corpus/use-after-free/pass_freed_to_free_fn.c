// A freed buffer is passed to a helper of the same file that writes to it.
#include <stdlib.h>

static void zero(char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = 0;
}

int main(void)
{
    char *p = malloc(10);
    if (!p) return 1;
    free(p);
    zero(p, 10); // expect: use-after-free
    return 0;
}
