// A switch case returns without freeing the buffer.
#include <stdlib.h>

int dispatch(int op)
{
    char *buf = malloc(128);
    if (!buf) return -1;
    switch (op) {
    case 0:
        buf[0] = 0;
        break;
    case 1:
        return 1; // expect: leak
    default:
        break;
    }
    free(buf);
    return 0;
}
