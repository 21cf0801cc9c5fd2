// A cleanup variable declared inside a loop body is freed on each iteration.
#include <stdio.h>
#include <stdlib.h>

static void freep(void *p)
{
    free(*(void **)p);
}

void print_all(int n)
{
    for (int i = 0; i < n; i++) {
        __attribute__((cleanup(freep))) char *s = malloc(16);
        if (!s) continue;
        snprintf(s, 16, "%d", i);
        puts(s);
    }
}
