// Every case of the switch frees the buffer before returning.
#include <stdlib.h>

int handle(int op)
{
    char *buf = malloc(32);
    if (!buf) return -1;
    switch (op) {
    case 0:
        free(buf);
        return 0;
    case 1:
        buf[0] = 1;
        free(buf);
        return 1;
    default:
        free(buf);
        return -1;
    }
}
