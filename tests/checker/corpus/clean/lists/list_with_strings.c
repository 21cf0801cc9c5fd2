// Each node owns a string; both are freed when the list is cleared.
#include <stdlib.h>
#include <string.h>

struct node {
    struct node *next;
    char *name;
};

int add(struct node **head, const char *name)
{
    struct node *n = malloc(sizeof *n);
    if (!n) return -1;
    n->name = strdup(name);
    if (!n->name) {
        free(n);
        return -1;
    }
    n->next = *head;
    *head = n;
    return 0;
}

void clear(struct node **head)
{
    struct node *n = *head;
    while (n) {
        struct node *next = n->next;
        free(n->name);
        free(n);
        n = next;
    }
    *head = NULL;
}
