// realpath(p, NULL) allocates; the result is freed.
#include <stdio.h>
#include <stdlib.h>

int show(const char *p)
{
    char *abs = realpath(p, NULL);
    if (!abs) return -1;
    puts(abs);
    free(abs);
    return 0;
}
