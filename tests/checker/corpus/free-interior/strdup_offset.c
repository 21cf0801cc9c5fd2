// A duplicated string is freed from its second character.
#include <stdlib.h>
#include <string.h>

void bad(const char *s)
{
    char *copy = strdup(s);
    if (!copy) return;
    free(copy + 1); // expect: free-interior
}
