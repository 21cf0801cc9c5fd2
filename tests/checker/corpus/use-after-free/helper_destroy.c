// A helper of the same file frees the object; the caller still writes to it.
#include <stdlib.h>

struct obj {
    char *buf;
    size_t len;
};

static void obj_destroy(struct obj *o)
{
    free(o->buf);
    free(o);
}

int main(void)
{
    struct obj *o = calloc(1, sizeof *o);
    if (!o) return 1;
    obj_destroy(o);
    o->len = 0; // expect: use-after-free
    return 0;
}
