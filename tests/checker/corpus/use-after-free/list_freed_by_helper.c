// A helper that frees a whole list, node by node, frees the node it is given: writing to it
// after the call is a use after free.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

static void list_free(struct node *n)
{
    while (n) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
}

void drop_one(void)
{
    struct node *n = malloc(sizeof *n);
    if (!n) return;
    n->next = NULL;
    list_free(n);
    n->value = 1; // expect: use-after-free
}
