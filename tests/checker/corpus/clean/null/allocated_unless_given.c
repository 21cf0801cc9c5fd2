// popt's showShortOptions: a buffer is the caller's when given, else allocated here and freed at
// the end when it is not the caller's. Where it was allocated the caller gave NULL, and a block
// is never NULL after its check: `s != str` holds there.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t show(const char *names, FILE *fp, char *str)
{
    char *s = str != NULL ? str : calloc(1, 300);
    size_t len = 0;
    if (s == NULL) return 0;
    strncat(s, names, 299 - strlen(s));
    if (s != str && *s != '\0') {
        fprintf(fp, " [-%s]", s);
        len = strlen(s);
    }
    if (s != str) free(s);
    return len;
}
