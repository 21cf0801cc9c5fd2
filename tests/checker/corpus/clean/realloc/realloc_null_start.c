// realloc(NULL, n) acts as malloc; the result is freed.
#include <stdlib.h>

int run(void)
{
    char *p = realloc(NULL, 32);
    if (!p) return -1;
    p[31] = 0;
    free(p);
    return 0;
}
