// After a noreturn call the code that would use the freed pointer is unreachable.
#include <stdlib.h>

_Noreturn static void bail(void)
{
    exit(4);
}

int run(int bad)
{
    char *p = malloc(8);
    if (!p) return -1;
    if (bad) {
        free(p);
        bail();
    }
    p[0] = 1;
    free(p);
    return 0;
}
