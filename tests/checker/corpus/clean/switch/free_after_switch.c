// A switch selects a value; the buffer is freed once after it.
#include <stdlib.h>

int pick(int c)
{
    int *v = malloc(sizeof *v);
    if (!v) return -1;
    switch (c) {
    case 'a':
    case 'b':
        *v = 1;
        break;
    case 'c':
        *v = 2;
        /* fall through */
    case 'd':
        *v += 3;
        break;
    default:
        *v = 0;
    }
    int r = *v;
    free(v);
    return r;
}
