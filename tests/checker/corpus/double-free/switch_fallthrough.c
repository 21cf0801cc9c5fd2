// Case 1 frees and falls through into case 2, which frees again.
#include <stdlib.h>

void release(char *p, int kind)
{
    switch (kind) {
    case 1:
        free(p);
        /* fall through */
    case 2:
        free(p); // expect: double-free
        break;
    default:
        break;
    }
}
