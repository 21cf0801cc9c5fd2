// xstrdup's copy is owned like strdup's: overwriting the only pointer to it leaks it.
#include <stddef.h>

char *xstrdup(const char *s);
void free(void *p);

void rename_twice(const char *first, const char *second)
{
    char *name = xstrdup(first);
    name = xstrdup(second); // expect: leak
    free(name);
}
