// A helper of the same file copies a string into a new allocation; the caller frees it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}

int main(void)
{
    char *c = copy_string("copy");
    if (!c) return 1;
    puts(c);
    free(c);
    return 0;
}
