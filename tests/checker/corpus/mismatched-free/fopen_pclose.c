// A regular file stream is released with pclose().
#include <stdio.h>

void bad(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    pclose(f); // expect: mismatched-free
}
