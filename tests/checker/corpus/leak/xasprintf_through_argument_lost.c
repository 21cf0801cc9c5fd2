// OpenBSD's xasprintf stores a new string through its first argument and never fails: storing a
// second one over the first leaks the first.
#include <stdlib.h>

int xasprintf(char **ret, const char *fmt, ...);

void label(int n)
{
    char *text;
    xasprintf(&text, "%d", n);
    xasprintf(&text, "%d!", n); // expect: leak
    free(text);
}
