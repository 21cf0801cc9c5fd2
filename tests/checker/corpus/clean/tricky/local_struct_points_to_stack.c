// A local struct points at a local buffer; neither escapes the frame.
#include <stdio.h>

struct ctx {
    char *buf;
    size_t cap;
};

static void ctx_write(struct ctx *c, int v)
{
    snprintf(c->buf, c->cap, "%d", v);
}

void show(int v)
{
    char local[16];
    struct ctx c = {local, sizeof local};
    ctx_write(&c, v);
    puts(c.buf);
}
