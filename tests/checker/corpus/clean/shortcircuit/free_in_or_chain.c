// The right operand of || runs only when the left is false; the free happens once.
#include <stdlib.h>

static int release(char *p)
{
    free(p);
    return 1;
}

int run(int keep)
{
    char *p = malloc(4);
    if (!p) return -1;
    (void)(keep || release(p));
    if (keep) free(p);
    return 0;
}
