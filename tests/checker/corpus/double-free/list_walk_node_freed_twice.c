// As clean/lists/free_or_keep_by_flag.c, but each dropped node is freed twice: the pointer is
// surely this turn's node, not one that paths joined, so the second free is still reported.
#include <stdlib.h>

struct node {
    struct node *next;
    int id;
};

struct node *drop_duplicates(struct node *from, int bad)
{
    struct node *next, *keep = NULL;
    for (; from; from = next) {
        next = from->next;
        if (from->id == bad) {
            free(from);
            free(from); // expect: double-free
            continue;
        }
        from->next = keep;
        keep = from;
    }
    return keep;
}
