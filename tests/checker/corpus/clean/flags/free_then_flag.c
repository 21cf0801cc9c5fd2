// A flag records that the block was already freed, so the final cleanup skips it.
#include <stdlib.h>

int run(int early)
{
    int freed = 0;
    char *p = malloc(16);
    if (!p) return -1;
    if (early) {
        free(p);
        freed = 1;
    }
    if (!freed) free(p);
    return 0;
}
