// A pointer into the middle of a local array is returned.
#include <string.h>

char *tail(const char *s)
{
    char copy[32];
    strncpy(copy, s, sizeof copy - 1);
    copy[31] = 0;
    char *t = copy + 2;
    return t; // expect: dangling-stack
}
