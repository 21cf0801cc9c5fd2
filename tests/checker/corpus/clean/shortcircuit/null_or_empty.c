// The classic !s || !*s test on an owned copy.
#include <stdlib.h>
#include <string.h>

int is_blank(const char *in)
{
    char *s = in ? strdup(in) : NULL;
    int blank = !s || !*s;
    free(s);
    return blank;
}
