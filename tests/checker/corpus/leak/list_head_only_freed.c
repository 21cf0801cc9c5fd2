// Nodes pushed on a list in a loop, then only the head freed: the node before it, which the
// head's `next` holds, is lost with it.
#include <stdlib.h>

struct ext {
    struct ext *next;
};
static struct ext *list;

void push_then_drop_head(int n)
{
    struct ext *ext;
    for (int i = 0; i < n; i++) {
        ext = malloc(sizeof *ext);
        if (!ext) return;
        ext->next = list;
        list = ext;
    }
    free(list); // expect: leak
    list = NULL;
}
