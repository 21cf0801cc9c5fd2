// A list freed recursively: the tail first, then the node.
#include <stdlib.h>

struct node {
    struct node *next;
    char *text;
};

void list_free(struct node *n)
{
    if (!n) return;
    list_free(n->next);
    free(n->text);
    free(n);
}
