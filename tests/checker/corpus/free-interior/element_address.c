// The address of the third element is freed.
#include <stdlib.h>

void bad(void)
{
    double *v = malloc(4 * sizeof *v);
    if (!v) return;
    v[2] = 1.5;
    free(&v[2]); // expect: free-interior
}
