/* Errors that are only seen through the helpers of alloc.c and zalloc.c. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void lost_buffer(void)
{
    struct buf *b = buf_new(16);
    b->len = 0;
} // expect: leak

void freed_twice(void)
{
    struct buf *b = buf_new(8);
    buf_free(b);
    buf_free(b); // expect: double-free
}

int written_after_free(void)
{
    char *p = xalloc(4);
    free(p);
    p[0] = 1; // expect: use-after-free
    return 0;
}

/* zalloc wraps xalloc in a third file: two files away from malloc */
size_t lost_zeroed(size_t n)
{
    char *p = zalloc(n);
    return strlen(p); // expect: leak
}

/* buf_reset frees the field: what was stored there is gone */
void field_freed(void)
{
    struct buf b = {0};
    char *d = malloc(4);
    if (!d) return;
    b.data = d;
    buf_reset(&b);
    d[0] = 1; // expect: use-after-free
}
