// Statements with attributes are statements: `__attribute__((fallthrough));` between cases and
// an attributed return change nothing about who owns what.
#include <stdlib.h>
#include <string.h>

char *label(int kind)
{
    char *s = NULL;
    switch (kind) {
    case 0:
        s = strdup("zero");
        __attribute__((fallthrough));
    case 1:
        if (!s) s = strdup("one");
        break;
    default:
        s = strdup("many");
    }
    return s;
}

int use_label(int kind)
{
    char *s = label(kind);
    if (!s) return -1;
    int n = (int)strlen(s);
    free(s);
    return n;
}
