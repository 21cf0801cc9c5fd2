// Some cases hand the block to the caller, the others free it.
#include <stdlib.h>

char *maybe_keep(int kind)
{
    char *p = malloc(4);
    if (!p) return NULL;
    switch (kind) {
    case 0:
    case 1:
        return p;
    default:
        free(p);
        return NULL;
    }
}
