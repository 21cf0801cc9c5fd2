// A helper returns an allocation through an out-parameter; the caller frees it.
#include <stdlib.h>

static int make(int **out)
{
    int *p = malloc(sizeof *p);
    if (!p) return -1;
    *p = 5;
    *out = p;
    return 0;
}

int main(void)
{
    int *v;
    if (make(&v) < 0) return 1;
    int r = *v - 5;
    free(v);
    return r;
}
