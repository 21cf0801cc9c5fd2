// A helper that exits on error; the buffer is still reachable at that point.
#include <stdlib.h>

int parse(const char *s)
{
    char *copy = malloc(64);
    if (!copy) exit(1);
    if (s[0] == '!') exit(3);
    copy[0] = s[0];
    int r = copy[0];
    free(copy);
    return r;
}
