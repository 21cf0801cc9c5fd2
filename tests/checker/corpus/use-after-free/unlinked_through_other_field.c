// A store through an unknown pointer only forgets fields it may write (the same type at the same
// offset): a node unlinked through `prev` but still held in `cursor`, a field of another kind,
// is used after it was freed.
#include <stdlib.h>

struct node {
    struct node *next, *prev;
    int value;
};

struct walker {
    long steps, limit;
    struct node *cursor; /* at byte 16: no `next` or `prev` of a node is there */
};

int drop_current(struct walker *w)
{
    struct node *n = w->cursor;
    n->next->prev = n->prev;
    n->prev->next = n->next;
    free(n);
    return w->cursor->value; // expect: use-after-free
}
