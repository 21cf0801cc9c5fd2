// The classic list-free bug: the node is freed, then its next field is read.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

void free_list(struct node *n)
{
    while (n) {
        free(n);
        n = n->next; // expect: use-after-free
    }
}
