// The head pointer is advanced before each free, so nothing freed is read again.
#include <stdlib.h>

struct node {
    struct node *next;
};

void clear(struct node **head)
{
    while (*head) {
        struct node *n = *head;
        *head = n->next;
        free(n);
    }
}
