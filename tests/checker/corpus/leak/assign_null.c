// Setting the only pointer to NULL loses the block.
#include <stdlib.h>

void reset(void)
{
    char *p = calloc(4, 1);
    if (!p) return;
    p[0] = 1;
    p = NULL; // expect: leak
    free(p);
}
