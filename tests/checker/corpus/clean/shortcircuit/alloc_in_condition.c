// Both allocations happen inside the condition; every combination is released.
#include <stdlib.h>

int two(void)
{
    char *a = NULL, *b = NULL;
    if ((a = malloc(8)) != NULL && (b = malloc(8)) != NULL) {
        a[0] = b[0] = 1;
        free(a);
        free(b);
        return 0;
    }
    free(a);
    return -1;
}
