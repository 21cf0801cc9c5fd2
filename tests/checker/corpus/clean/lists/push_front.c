// Pushing onto a list hands the new node to the list.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

int push_front(struct node **head, int v)
{
    struct node *n = malloc(sizeof *n);
    if (!n) return -1;
    n->value = v;
    n->next = *head;
    *head = n;
    return 0;
}
