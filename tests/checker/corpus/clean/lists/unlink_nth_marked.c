// Unlinks and frees the idx-th marked node of a caller's list (every marked node when idx is -1)
// once its flags drop to 0. After a free, either idx is -1 and the loop goes on from the node the
// freed one was unlinked to, or the count passes idx and the loop ends: the freed node never
// becomes `prev`. From libzip's _zip_ef_delete_by_id.
#include <stdlib.h>

struct node {
    struct node *next;
    int flags;
};

struct node *remove_nth(struct node *n, int idx)
{
    struct node *head = n, *prev = NULL;
    int i = 0;

    for (; n; n = (prev ? prev->next : head)) {
        if (n->flags & 1) {
            if (idx == -1 || i == idx) {
                n->flags &= ~1;
                if (n->flags == 0) {
                    if (prev)
                        prev->next = n->next;
                    else
                        head = n->next;
                    free(n);
                    if (idx == -1) continue;
                }
            }
            i++;
            if (i > idx) break;
        }
        prev = n;
    }
    return head;
}
