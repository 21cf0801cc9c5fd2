// A regular stream is released with closedir().
#include <dirent.h>
#include <stdio.h>

void bad(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return;
    closedir((DIR *)f); // expect: mismatched-free
}
