// A buffer grows by doubling; realloc's result goes to a temporary that is checked first.
#include <stdio.h>
#include <stdlib.h>

char *read_all(FILE *in, size_t *len_out)
{
    size_t cap = 0, len = 0;
    char *buf = NULL;
    int c;
    while ((c = fgetc(in)) != EOF) {
        if (len == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            char *tmp = realloc(buf, ncap);
            if (!tmp) {
                free(buf);
                return NULL;
            }
            buf = tmp;
            cap = ncap;
        }
        buf[len++] = (char)c;
    }
    *len_out = len;
    return buf;
}
