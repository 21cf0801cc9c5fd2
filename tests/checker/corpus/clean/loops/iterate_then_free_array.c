// An array is read in a loop and freed after the loop.
#include <stdlib.h>

long sum(int n)
{
    if (n <= 0) return 0;
    long *a = malloc((size_t)n * sizeof *a);
    if (!a) return -1;
    for (int i = 0; i < n; i++)
        a[i] = i;
    long s = 0;
    for (int i = 0; i < n; i++)
        s += a[i];
    free(a);
    return s;
}
