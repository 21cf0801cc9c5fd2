// realpath with a NULL buffer allocates the result, which is never freed.
#include <stdio.h>
#include <stdlib.h>

void show_path(const char *p)
{
    char *abs = realpath(p, NULL);
    if (!abs) return;
    puts(abs);
} // expect: leak
