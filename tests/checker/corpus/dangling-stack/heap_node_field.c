// A heap node owned by the caller is given a pointer to a stack buffer.
#include <stdio.h>

struct node {
    struct node *next;
    char *text;
};

void name_node(struct node *n, int i)
{
    char text[16];
    snprintf(text, sizeof text, "node %d", i);
    n->text = text; // expect: dangling-stack
}
