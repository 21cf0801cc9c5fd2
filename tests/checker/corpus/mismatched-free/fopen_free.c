// A stream from fopen() is released with free() instead of fclose().
#include <stdio.h>
#include <stdlib.h>

void bad(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    free(f); // expect: mismatched-free
}
