// A helper appends the pointer to an array container that owns its elements.
#include <stdlib.h>

struct bag {
    void *items[8];
    int n;
};

static int bag_add(struct bag *b, void *item)
{
    if (b->n == 8) return -1;
    b->items[b->n++] = item;
    return 0;
}

static void bag_clear(struct bag *b)
{
    for (int i = 0; i < b->n; i++)
        free(b->items[i]);
    b->n = 0;
}

int main(void)
{
    struct bag b = {{0}, 0};
    for (int i = 0; i < 4; i++) {
        void *p = malloc(16);
        if (!p) break;
        if (bag_add(&b, p) < 0) free(p);
    }
    bag_clear(&b);
    return 0;
}
