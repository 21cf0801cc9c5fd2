// free(strip(p)) frees the block because strip returns its argument.
#include <stdlib.h>

static char *strip(char *s)
{
    if (s[0] == '\n') s[0] = 0;
    return s;
}

int run(void)
{
    char *p = malloc(4);
    if (!p) return -1;
    p[0] = '\n';
    free(strip(p));
    return 0;
}
