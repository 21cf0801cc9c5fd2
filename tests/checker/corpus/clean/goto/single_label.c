// kmod style: every error jumps to one label that releases whatever was acquired.
#include <stdio.h>
#include <stdlib.h>

int load(const char *path)
{
    int r = -1;
    char *buf = NULL;
    FILE *f = fopen(path, "r");
    if (!f) goto out;
    buf = malloc(256);
    if (!buf) goto out;
    if (!fgets(buf, 256, f)) goto out;
    r = 0;
out:
    free(buf);
    if (f) fclose(f);
    return r;
}
