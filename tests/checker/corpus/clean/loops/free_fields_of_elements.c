// Each element of a caller's array owns its fields; the loop frees the fields of one element per
// trip, through `a[i].f`, `g->a[i].f` and a nested `a[i].in.f`: every trip names a new element.
#include <stdlib.h>

struct item {
    char *name;
    int *data;
    struct {
        char *text;
    } in;
};
struct table {
    struct item *items;
    int n;
};

void items_free(struct item *items, int n)
{
    for (int i = 0; i < n; i++) {
        free(items[i].name);
        free(items[i].data);
        free(items[i].in.text);
    }
    free(items);
}

void table_free(struct table *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->items[i].name);
        for (int k = 0; k < 3; k++)
            t->items[i].data[k] = 0;
        free(t->items[i].data);
    }
    free(t->items);
    t->items = NULL;
    t->n = 0;
}

void table_free_by_value(struct table t)
{
    for (int i = 0; i < t.n; i++)
        free(t.items[i].in.text);
    free(t.items);
}
