// A fixed-size fast path on the stack, a heap fallback, and a pointer comparison to decide the
// free.
#include <stdlib.h>
#include <string.h>

int sum_bytes(const unsigned char *src, size_t n)
{
    unsigned char fast[32];
    unsigned char *tmp = n <= sizeof fast ? fast : malloc(n);
    if (!tmp) return -1;
    memcpy(tmp, src, n);
    int s = 0;
    for (size_t i = 0; i < n; i++)
        s += tmp[i];
    if (tmp != fast) free(tmp);
    return s;
}
