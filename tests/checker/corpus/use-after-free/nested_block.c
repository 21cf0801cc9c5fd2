// The free happens inside an inner block; the use comes after that block closes.
#include <stdlib.h>

int main(void)
{
    double *v = malloc(4 * sizeof *v);
    if (!v) return 1;
    {
        v[0] = 1.0;
        free(v);
    }
    v[1] = 2.0; // expect: use-after-free
    return 0;
}
