// A circular list is broken open and then freed node by node.
#include <stdlib.h>

struct ring {
    struct ring *next;
};

void ring_free(struct ring *r)
{
    if (!r) return;
    struct ring *n = r->next;
    r->next = NULL;
    while (n) {
        struct ring *next = n->next;
        free(n);
        n = next;
    }
}
