// The same variable holds the result only after a temporary check.
#include <stdlib.h>

int fill(size_t n)
{
    unsigned char *buf = malloc(1);
    if (!buf) return -1;
    for (size_t size = 2; size <= n; size *= 2) {
        unsigned char *next = realloc(buf, size);
        if (next == NULL) {
            free(buf);
            return -1;
        }
        buf = next;
        buf[size - 1] = (unsigned char)size;
    }
    free(buf);
    return 0;
}
