// A node is unlinked from a doubly linked list and then freed.
#include <stdlib.h>

struct dnode {
    struct dnode *prev, *next;
    int v;
};

void remove_node(struct dnode **head, struct dnode *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        *head = n->next;
    if (n->next) n->next->prev = n->prev;
    free(n);
}
