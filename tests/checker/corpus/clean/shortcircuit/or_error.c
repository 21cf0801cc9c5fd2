// !a || !b sends either failure to one cleanup that frees both (free(NULL) is fine).
#include <stdlib.h>

int pair(void)
{
    char *a = malloc(8);
    char *b = malloc(8);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    a[0] = b[0] = 0;
    free(a);
    free(b);
    return 0;
}
