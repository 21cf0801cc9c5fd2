// A chain of fall-through cases fills bytes; one free after the switch.
#include <stdlib.h>

int run(int n)
{
    char *b = calloc(4, 1);
    if (!b) return -1;
    switch (n & 3) {
    case 3:
        b[2] = 1;
        /* fall through */
    case 2:
        b[1] = 1;
        /* fall through */
    case 1:
        b[0] = 1;
        /* fall through */
    case 0:
        break;
    }
    int r = b[0] + b[1] + b[2];
    free(b);
    return r;
}
