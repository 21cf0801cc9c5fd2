// Both allocations happen in one condition; when only the second fails the first is lost.
#include <stdlib.h>

int two_buffers(void)
{
    char *a = NULL, *b = NULL;
    if ((a = malloc(8)) != NULL && (b = malloc(8)) != NULL) {
        a[0] = b[0] = 0;
        free(b);
        free(a);
        return 0;
    }
    return -1; // expect: leak
}
