// After realloc succeeds only the new pointer is used and freed.
#include <stdlib.h>

int run(void)
{
    char *p = malloc(4);
    if (!p) return -1;
    char *q = realloc(p, 8);
    if (!q) {
        free(p);
        return -1;
    }
    q[7] = 0;
    free(q);
    return 0;
}
