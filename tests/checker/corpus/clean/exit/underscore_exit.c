// _exit() ends the process immediately; the buffer is not a leak.
#include <stdlib.h>
#include <unistd.h>

int run(int fail)
{
    char *p = malloc(8);
    if (!p) return -1;
    if (fail) _exit(1);
    free(p);
    return 0;
}
