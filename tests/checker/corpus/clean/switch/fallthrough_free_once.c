// Case 1 prepares and falls through into case 2, which frees; each path frees exactly once.
#include <stdlib.h>

void finish(char *p, int kind)
{
    switch (kind) {
    case 1:
        p[0] = 0;
        /* fall through */
    case 2:
        free(p);
        break;
    default:
        free(p);
        break;
    }
}
