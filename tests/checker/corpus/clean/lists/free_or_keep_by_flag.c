// A walk of a caller's list that saves the next node first, then frees each node or keeps it on
// another list, by a flag an earlier branch set. Every node is freed at most once, and the next
// turn's node is another one. From libzip's _zip_ef_merge.
#include <stdlib.h>

struct node {
    struct node *next;
    int id;
};

struct node *drop_duplicates(struct node *from, int bad)
{
    struct node *next, *keep = NULL;
    int dup;

    for (; from; from = next) {
        next = from->next;
        dup = 0;
        if (from->id == bad) dup = 1;
        if (dup)
            free(from);
        else {
            from->next = keep;
            keep = from;
        }
    }
    return keep;
}

/* the same, with the kept nodes counted on a list of their own */
struct node *keep_some(struct node *from, int bad, int *kept)
{
    struct node *next, *keep = NULL;
    for (*kept = 0; from; from = next) {
        next = from->next;
        if (from->id == bad) {
            free(from);
            continue;
        }
        from->next = keep;
        keep = from;
        ++*kept;
    }
    return keep;
}
