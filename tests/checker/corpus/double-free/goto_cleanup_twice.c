// The body frees the buffer and then jumps to a cleanup label that frees it again.
#include <stdio.h>
#include <stdlib.h>

int load(const char *path)
{
    int ret = -1;
    char *buf = malloc(256);
    if (!buf) return -1;
    FILE *f = fopen(path, "r");
    if (!f) {
        free(buf);
        goto out;
    }
    if (fgets(buf, 256, f)) ret = 0;
    fclose(f);
out:
    free(buf); // expect: double-free
    return ret;
}
