// Two buffers are allocated; only one is freed before returning.
#include <stdlib.h>

int pair(void)
{
    char *a = malloc(4);
    if (!a) return -1;
    char *b = malloc(4);
    if (!b) {
        free(a);
        return -1;
    }
    free(b);
    return 0; // expect: leak
}
