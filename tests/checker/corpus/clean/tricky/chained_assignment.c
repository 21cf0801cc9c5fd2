// p = q = malloc(...) makes two names for one block; it is freed once.
#include <stdlib.h>

int run(void)
{
    char *p, *q;
    p = q = malloc(4);
    if (!p) return -1;
    q[0] = 1;
    free(p);
    return 0;
}
