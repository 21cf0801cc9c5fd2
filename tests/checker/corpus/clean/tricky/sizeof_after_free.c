// sizeof does not evaluate its operand, so sizeof *p after free is not a use.
#include <stdlib.h>

size_t elem_size(void)
{
    double *p = malloc(sizeof *p);
    if (!p) return 0;
    free(p);
    return sizeof *p;
}
