/* A wrapper of alloc.c's xalloc: its summary is only known once alloc.c's is. */
#include <string.h>

#include "buf.h"

void *zalloc(size_t n)
{
    void *p = xalloc(n);
    memset(p, 0, n);
    return p;
}
