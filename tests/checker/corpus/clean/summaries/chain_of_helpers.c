// Ownership passes through two helpers before being freed by a third.
#include <stdlib.h>

static char *alloc_block(void)
{
    return malloc(24);
}

static char *prepare(void)
{
    char *p = alloc_block();
    if (p) p[0] = 'p';
    return p;
}

static void retire(char *p)
{
    free(p);
}

int main(void)
{
    char *p = prepare();
    if (!p) return 1;
    retire(p);
    return 0;
}
