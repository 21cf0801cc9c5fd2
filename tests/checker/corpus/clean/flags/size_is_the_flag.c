// A size that says whether the buffer exists (gnulib's localcharset.c): 0 until the first
// allocation, then a length plus a constant, which is never 0 again. So `size == 0` after the
// loop means no buffer was made, and the realloc branch always has one to grow.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *join(FILE *fp)
{
    char *res = NULL;
    size_t size = 0;
    char buf[51];
    while (fscanf(fp, "%50s", buf) == 1) {
        char *old = res;
        size_t l = strlen(buf);
        if (size == 0) {
            size = l + 1 + 1;
            res = malloc(size);
        } else {
            size += l + 2;
            res = realloc(res, size);
        }
        if (res == NULL) {
            free(old);
            return NULL;
        }
        strcpy(res + size - l - 2, buf);
    }
    if (size == 0) return NULL;
    return res;
}
