// Build a list of ten nodes, sum it, free it (runnable).
#include <stdio.h>
#include <stdlib.h>

struct node {
    struct node *next;
    int value;
};

int main(void)
{
    struct node *head = NULL;
    for (int i = 0; i < 10; i++) {
        struct node *n = malloc(sizeof *n);
        if (!n) break;
        n->value = i;
        n->next = head;
        head = n;
    }
    int sum = 0;
    for (struct node *n = head; n; n = n->next)
        sum += n->value;
    while (head) {
        struct node *next = head->next;
        free(head);
        head = next;
    }
    printf("%d\n", sum);
    return 0;
}
