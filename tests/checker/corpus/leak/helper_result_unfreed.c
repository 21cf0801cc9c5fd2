// The caller keeps a helper's fresh allocation in a local and never frees it.
#include <stdio.h>
#include <stdlib.h>

static int *new_counter(void)
{
    int *c = calloc(1, sizeof *c);
    return c;
}

void count_to(int n)
{
    int *c = new_counter();
    if (!c) return;
    while (*c < n)
        ++*c;
    printf("%d\n", *c);
} // expect: leak
