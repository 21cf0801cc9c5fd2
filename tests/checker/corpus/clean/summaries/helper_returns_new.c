// A helper returns a fresh allocation that the caller frees (runnable).
#include <stdio.h>
#include <stdlib.h>

static int *new_array(size_t n)
{
    int *a = calloc(n, sizeof *a);
    return a;
}

int main(void)
{
    int *a = new_array(5);
    if (!a) return 1;
    a[4] = 4;
    printf("%d\n", a[4]);
    free(a);
    return 0;
}
