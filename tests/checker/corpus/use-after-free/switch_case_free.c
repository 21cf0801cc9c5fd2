// One case of a switch frees the buffer and falls out; the code after the switch uses it.
#include <stdlib.h>

int handle(char *buf, int cmd)
{
    switch (cmd) {
    case 0:
        buf[0] = 'r';
        break;
    case 1:
        free(buf);
        break;
    default:
        return -1;
    }
    return buf[0]; // expect: use-after-free
}
