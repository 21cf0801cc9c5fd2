// A do/while loop consumes a chain of nodes.
#include <stdlib.h>

struct node {
    struct node *next;
};

void drain(struct node *n)
{
    if (!n) return;
    do {
        struct node *next = n->next;
        free(n);
        n = next;
    } while (n);
}
