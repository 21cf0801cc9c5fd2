// A destroy function returns NULL so the caller's pointer is cleared in the same statement.
#include <stdlib.h>

struct obj {
    int *v;
};

static struct obj *obj_unref(struct obj *o)
{
    if (o) {
        free(o->v);
        free(o);
    }
    return NULL;
}

int main(void)
{
    struct obj *o = calloc(1, sizeof *o);
    o = obj_unref(o);
    o = obj_unref(o);
    return 0;
}
