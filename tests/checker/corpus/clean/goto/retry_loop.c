// A goto retries an allocation; each failed attempt frees what it got.
#include <stdlib.h>

int attempt(int tries)
{
    char *p;
again:
    p = malloc(64);
    if (!p) return -1;
    if (--tries > 0) {
        free(p);
        goto again;
    }
    free(p);
    return 0;
}
