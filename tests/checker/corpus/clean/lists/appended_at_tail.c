/* A list built by appending at its tail, the head set on the first turn only: from the third
 * turn on the blocks of one allocation site can no longer be told apart, and the tail let go of
 * must still be known not to be NULL, or the first turn's store would seem to come again. */
#include <stdlib.h>

struct item {
    struct item *next;
};

struct item *build(int n)
{
    struct item *head = NULL, *last = NULL, *new;
    while (n-- > 0) {
        new = malloc(sizeof *new);
        if (new == NULL) abort();
        new->next = NULL;
        if (last == NULL)
            head = new;
        else
            last->next = new;
        last = new;
    }
    return head;
}

void build_into(int n, struct item **storage)
{
    struct item *last = NULL, *new;
    for (int i = 0; i < n; i++) {
        new = malloc(sizeof *new);
        if (new == NULL) abort();
        new->next = NULL;
        if (last == NULL)
            *storage = new;
        else
            last->next = new;
        last = new;
    }
}
