// The field of the same element is freed twice within one trip of the loop, and a nested field is
// written through after it was freed: a new index only renames the element on the next trip.
#include <stdlib.h>

struct item {
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
        free(items[i].data);
        free(items[i].data); // expect: double-free
    }
}

void table_clear(struct table *t)
{
    for (int i = 0; i < t->n; i++) {
        free(t->items[i].in.text);
        t->items[i].in.text[0] = 0; // expect: use-after-free
    }
}
