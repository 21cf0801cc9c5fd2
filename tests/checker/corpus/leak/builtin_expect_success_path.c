// The null check is understood through unlikely(); the block is then lost on the success path.
#include <stdlib.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

int use(int n)
{
    int *p = malloc(sizeof *p * 4);
    if (unlikely(!p)) return -1;
    p[0] = n;
    return p[0]; // expect: leak
}

void twice(void)
{
    char *p = malloc(4);
    if (__builtin_expect(!p, 0)) return;
    free(p);
    free(p); // expect: double-free
}
