// As clean/null/allocated_unless_given.c, but the test is the wrong way round: the buffer made
// here is equal to the NULL the caller gave on no path, so it is never freed.
#include <stdlib.h>
#include <string.h>

size_t show(const char *names, char *str)
{
    char *s = str != NULL ? str : calloc(1, 300);
    size_t len = 0;
    if (s == NULL) return 0;
    strncat(s, names, 299 - strlen(s));
    len = strlen(s);
    if (s == str) free(s);
    return len; // expect: leak
}
