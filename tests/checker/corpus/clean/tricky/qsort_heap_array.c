// A heap array is sorted with qsort and then freed (runnable).
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    int *v = malloc(5 * sizeof *v);
    if (!v) return 1;
    for (int i = 0; i < 5; i++)
        v[i] = 5 - i;
    qsort(v, 5, sizeof *v, cmp);
    printf("%d\n", v[0]);
    free(v);
    return 0;
}
