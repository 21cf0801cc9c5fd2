// Cleanup variables in nested scopes, all released (runnable).
#include <stdio.h>
#include <stdlib.h>

static void freep(void *p)
{
    free(*(void **)p);
}

int main(void)
{
    __attribute__((cleanup(freep))) int *outer = malloc(sizeof *outer);
    if (!outer) return 1;
    *outer = 1;
    {
        __attribute__((cleanup(freep))) int *inner = malloc(sizeof *inner);
        if (!inner) return 1;
        *inner = 2;
        *outer += *inner;
    }
    printf("%d\n", *outer);
    return 0;
}
