// A cursor walks through the string; the original pointer is the one freed.
#include <stdlib.h>
#include <string.h>

int leading_spaces(const char *in)
{
    char *s = strdup(in);
    if (!s) return -1;
    char *cur = s;
    while (*cur == ' ')
        cur++;
    int n = (int)(cur - s);
    free(s);
    return n;
}
