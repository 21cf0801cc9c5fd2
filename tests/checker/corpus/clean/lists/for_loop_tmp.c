// A for loop that frees nodes with the next pointer held in a temporary.
#include <stdlib.h>

struct node {
    struct node *next;
};

void list_free(struct node *head)
{
    struct node *n, *tmp;
    for (n = head; n != NULL; n = tmp) {
        tmp = n->next;
        free(n);
    }
}
