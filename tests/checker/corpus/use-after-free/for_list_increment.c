// A for loop frees each node in its body and reads next in its increment.
#include <stdlib.h>

struct node {
    struct node *next;
};

void free_all(struct node *head)
{
    struct node *n;
    for (n = head; n != NULL; n = n->next) // expect: use-after-free
        free(n);
}
