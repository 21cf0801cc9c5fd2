// Two different variables named p in sibling scopes: freeing one does not free the other.
#include <stdlib.h>

int run(void)
{
    {
        char *p = malloc(4);
        free(p);
    }
    {
        char *p = malloc(4);
        if (!p) return -1;
        p[0] = 1;
        free(p);
    }
    return 0;
}
