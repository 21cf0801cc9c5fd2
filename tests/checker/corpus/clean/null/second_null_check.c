// Two allocations each checked; the first is freed when the second fails.
#include <stdlib.h>

int pair(void)
{
    char *a = malloc(8);
    if (!a) return -1;
    char *b = malloc(8);
    if (!b) {
        free(a);
        return -1;
    }
    free(a);
    free(b);
    return 0;
}
