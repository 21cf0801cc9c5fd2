// The loop frees every node, the head included, and the head is freed once more after it.
#include <stdlib.h>

struct node {
    struct node *next;
};

int main(void)
{
    struct node *head = malloc(sizeof *head);
    if (!head) return 1;
    head->next = NULL;
    struct node *n = head;
    while (n) {
        struct node *next = n->next;
        free(n);
        n = next;
    }
    free(head); // expect: double-free
    return 0;
}
