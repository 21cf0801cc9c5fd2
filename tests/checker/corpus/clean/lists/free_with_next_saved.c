// Freeing a singly linked list: save next before freeing the node.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

void list_free(struct node *n)
{
    while (n) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
}
