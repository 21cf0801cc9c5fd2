// A helper of the same file returns a fresh allocation; the caller ignores it.
#include <stdlib.h>
#include <string.h>

static char *make_label(int id)
{
    char *s = malloc(16);
    if (s) memset(s, 'a' + id % 26, 15), s[15] = 0;
    return s;
}

void label_all(void)
{
    make_label(1); // expect: leak
}
