// A freed string is handed to a helper that reads it.
#include <stdlib.h>
#include <string.h>

static size_t length_of(const char *s)
{
    return strlen(s);
}

int main(void)
{
    char *s = strdup("abc");
    if (!s) return 1;
    free(s);
    size_t n = length_of(s); // expect: use-after-free
    return (int)n;
}
