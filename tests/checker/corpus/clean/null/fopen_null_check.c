// A failed fopen returns NULL, so there is nothing to close on that path.
#include <stdio.h>

int exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) return 0;
    fclose(f);
    return 1;
}
