// Removing matching nodes with a pointer-to-pointer walk.
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

void remove_if(struct node **pp, int value)
{
    while (*pp) {
        struct node *n = *pp;
        if (n->value == value) {
            *pp = n->next;
            free(n);
        } else {
            pp = &n->next;
        }
    }
}
