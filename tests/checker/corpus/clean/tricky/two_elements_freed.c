// Two array slots hold different blocks; freeing both is not a double free.
#include <stdlib.h>

int run(void)
{
    char *a[2];
    a[0] = malloc(4);
    a[1] = malloc(4);
    free(a[0]);
    free(a[1]);
    return 0;
}
