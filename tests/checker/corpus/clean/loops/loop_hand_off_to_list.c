// Each iteration's allocation is handed to a list that the caller frees later.
#include <stdlib.h>

struct node {
    struct node *next;
    int v;
};

struct node *build(int n)
{
    struct node *head = NULL;
    for (int i = 0; i < n; i++) {
        struct node *x = malloc(sizeof *x);
        if (!x) break;
        x->v = i;
        x->next = head;
        head = x;
    }
    return head;
}
