// pkgconf's dependency_addraw: a node is put on the caller's list and also returned, for
// convenience. The list owns it; a caller that ignores the result leaks nothing.
#include <stdlib.h>

typedef struct node {
    struct node *prev, *next;
    void *data;
} node_t;

typedef struct {
    node_t *head, *tail;
} list_t;

typedef struct {
    node_t iter;
    char *name;
} dep_t;

static void insert_tail(node_t *node, void *data, list_t *list)
{
    node->data = data;
    node->prev = list->tail;
    if (list->tail)
        list->tail->next = node;
    else
        list->head = node;
    list->tail = node;
}

static dep_t *add(dep_t *dep, list_t *list)
{
    insert_tail(&dep->iter, dep, list);
    return dep;
}

dep_t *add_raw(list_t *list)
{
    dep_t *dep = calloc(1, sizeof *dep);
    if (!dep) return NULL;
    return add(dep, list);
}

void parse(list_t *list, int n)
{
    for (int i = 0; i < n; i++)
        add_raw(list);
}
