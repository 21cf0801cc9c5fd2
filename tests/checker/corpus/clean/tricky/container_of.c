// container_of computes the start of the outer block from a member pointer; freeing it is fine.
#include <stddef.h>
#include <stdlib.h>

#define container_of(ptr, type, member) ((type *)((char *)(ptr)-offsetof(type, member)))

struct inner {
    int v;
};

struct outer {
    long tag;
    struct inner in;
};

static void inner_release(struct inner *i)
{
    struct outer *o = container_of(i, struct outer, in);
    free(o);
}

int main(void)
{
    struct outer *o = malloc(sizeof *o);
    if (!o) return 1;
    o->in.v = 1;
    inner_release(&o->in);
    return 0;
}
