/* libyaml's yaml_parser_load_sequence: the items' storage goes into a node that is pushed onto
 * the document; when the document is full, the error path frees the tag but not the storage. */
#include <stdlib.h>

struct node {
    char *tag;
    int *items;
};

struct document {
    struct node *nodes;
    int n, cap;
};

int load_sequence(struct document *d, char *tag)
{
    struct node node;
    int *items = malloc(16 * sizeof *items);
    if (!items) goto error;
    node.tag = tag;
    node.items = items;
    if (d->n == d->cap) goto error;
    d->nodes[d->n++] = node;
    return 1;
error:
    free(tag);
    return 0; // expect: leak
}
