// An inner struct's buffer is owned through an outer struct and freed through it.
#include <stdlib.h>

struct inner {
    char *buf;
};

struct outer {
    struct inner in;
    int flags;
};

int run(void)
{
    struct outer *o = malloc(sizeof *o);
    if (!o) return -1;
    o->in.buf = malloc(10);
    o->flags = 0;
    free(o->in.buf);
    free(o);
    return 0;
}
