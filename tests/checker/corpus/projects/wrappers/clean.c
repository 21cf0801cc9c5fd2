/* Correct uses of the helpers: own check must find nothing here, in particular not after
 * fatal(), which never returns although its declaration does not say so. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int give_up_early(int bad)
{
    char *p = malloc(4);
    if (!p) return -1;
    if (bad) {
        free(p);
        fatal("bad input");
    }
    p[0] = 1;
    free(p);
    return 0;
}

void own_helpers(void)
{
    struct buf *b = buf_new(32);
    memset(b->data, 0, b->len);
    buf_free(b);
}

char *taken_out(void)
{
    struct buf *b = buf_new(8);
    char *d = buf_steal(b);
    free(b);
    return d;
}

void reset_then_free(void)
{
    struct buf b = {0};
    b.data = zalloc(8);
    buf_reset(&b);
    free(b.data);
}
