// A reference-count drop frees the object only when the count reaches zero.
#include <stdlib.h>

struct obj {
    int refs;
    char *data;
};

void obj_put(struct obj *o)
{
    if (--o->refs > 0) return;
    free(o->data);
    free(o);
}
