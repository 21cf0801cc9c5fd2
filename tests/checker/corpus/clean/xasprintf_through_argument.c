// OpenBSD's and tmux's xasprintf, `int xasprintf(char **ret, const char *fmt, ...)`, stores the
// new string through ret and returns its length: the same name as gnulib's, which returns the
// string. The declaration decides which one is meant; here the string is owned by `value`.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int xasprintf(char **ret, const char *fmt, ...);

void show(const char *marker)
{
    char *value = strdup("abc");
    if (value == NULL) return;
    if (marker != NULL) {
        free(value);
        xasprintf(&value, "x%s", marker);
    }
    puts(value);
    free(value);
}
