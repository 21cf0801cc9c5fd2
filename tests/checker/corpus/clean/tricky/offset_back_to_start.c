// A cursor moves one byte in and one byte back before the free.
#include <stdlib.h>

int run(void)
{
    char *base = malloc(8);
    if (!base) return -1;
    char *cur = base + 1;
    *cur = 'x';
    free(cur - 1);
    return 0;
}
