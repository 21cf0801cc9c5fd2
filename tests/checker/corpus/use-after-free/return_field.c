// A node's value is read after the node was freed.
#include <stdlib.h>

struct node {
    int value;
    struct node *next;
};

int pop_value(struct node *n)
{
    free(n);
    return n->value; // expect: use-after-free
}
