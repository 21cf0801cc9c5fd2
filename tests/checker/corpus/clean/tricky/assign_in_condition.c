// The allocation is assigned inside the if condition and checked there.
#include <stdlib.h>

int run(void)
{
    int *p;
    if ((p = malloc(sizeof *p)) == NULL) return -1;
    *p = 3;
    free(p);
    return 0;
}
