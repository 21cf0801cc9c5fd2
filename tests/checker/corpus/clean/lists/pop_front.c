// Popping the head of a list returns its value and frees the node.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

int pop_front(struct node **head)
{
    struct node *n = *head;
    if (!n) return -1;
    *head = n->next;
    int v = n->value;
    free(n);
    return v;
}
