/* nano's unlink_node: the helper takes the node out of a doubly linked list through its
 * neighbours (`l->prev->next = l->next`) before freeing it, so the caller's `line->next` is a
 * fresh node on the next turn, not the freed one. */
#include <stdlib.h>
#include <string.h>

struct line {
    struct line *prev, *next;
    char *data;
};

static void unlink_node(struct line *l)
{
    if (l->prev != NULL) l->prev->next = l->next;
    if (l->next != NULL) l->next->prev = l->prev;
    free(l->data);
    free(l);
}

size_t join_lines(struct line *line, size_t count)
{
    size_t total = 0;
    while (count > 1) {
        struct line *next_line = line->next;
        total += strlen(next_line->data);
        unlink_node(next_line);
        count--;
    }
    return total;
}
