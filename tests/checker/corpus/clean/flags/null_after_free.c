// The pointer is set to NULL after an early free; the final free(NULL) is harmless.
#include <stdlib.h>

int run(int early)
{
    char *p = malloc(16);
    if (!p) return -1;
    if (early) {
        free(p);
        p = NULL;
    }
    free(p);
    return 0;
}
