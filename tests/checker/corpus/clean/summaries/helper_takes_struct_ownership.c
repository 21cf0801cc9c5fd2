// A registry helper takes ownership of a new object by linking it into a global list.
#include <stdlib.h>

struct obj {
    struct obj *next;
    int id;
};

static struct obj *g_objects;

static void registry_add(struct obj *o)
{
    o->next = g_objects;
    g_objects = o;
}

int create(int id)
{
    struct obj *o = malloc(sizeof *o);
    if (!o) return -1;
    o->id = id;
    registry_add(o);
    return 0;
}
