// A do-nothing-on-NULL style: return early when the input pointer is NULL.
#include <stdlib.h>

struct obj {
    int *data;
};

void obj_free(struct obj *o)
{
    if (!o) return;
    free(o->data);
    free(o);
}
