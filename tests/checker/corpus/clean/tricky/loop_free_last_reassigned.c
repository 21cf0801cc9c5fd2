// A pointer is freed and reallocated inside a loop; the final block is freed after it.
#include <stdlib.h>

int run(int n)
{
    char *p = malloc(4);
    if (!p) return -1;
    for (int i = 0; i < n; i++) {
        free(p);
        p = malloc((size_t)i + 4);
        if (!p) return -1;
    }
    free(p);
    return 0;
}
