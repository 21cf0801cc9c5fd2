// Allocations are written into an array the caller passed; the caller owns them.
#include <stdlib.h>

int alloc_n(char **out, int n)
{
    for (int i = 0; i < n; i++) {
        out[i] = malloc(16);
        if (!out[i]) {
            while (i-- > 0)
                free(out[i]);
            return -1;
        }
    }
    return 0;
}
