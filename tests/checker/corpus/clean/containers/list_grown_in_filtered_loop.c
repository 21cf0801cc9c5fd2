// tmux's window_pane_find_down: a list grown by one pane per turn with xreallocarray, on the turns
// that pass three tests of the pane's position. On a turn after one that grew the list, the
// call's new block takes the call's object and the block from the turn before becomes the
// older one; the old block passed in is that older one, which the call frees. Taken for the
// new one, the old block seemed still owned by `list` when the result was stored over it.
#include <stdlib.h>
#include <sys/queue.h>

struct window;
struct pane {
    TAILQ_ENTRY(pane) entry;
    struct window *window;
    unsigned xoff, yoff, sx, sy;
};
TAILQ_HEAD(panes, pane);
struct window {
    struct panes panes;
    unsigned sy;
};

/* OpenBSD's: never returns NULL (it exits). */
void *xreallocarray(void *ptr, size_t nmemb, size_t size);

struct pane *find_down(struct pane *wp)
{
    struct window *w;
    struct pane *next, **list;
    unsigned edge, left, right, end, size;
    int status, found;

    w = wp->window;
    status = wp->xoff;

    list = NULL;
    size = 0;

    edge = wp->yoff + wp->sy + 1;
    if (status == 1) {
        if (edge >= w->sy) edge = 1;
    } else if (status == 2) {
        if (edge >= w->sy - 1) edge = 0;
    } else {
        if (edge >= w->sy) edge = 0;
    }

    left = wp->xoff;
    right = wp->xoff + wp->sx;

    TAILQ_FOREACH(next, &w->panes, entry)
    {
        end = next->xoff + next->sx - 1;
        found = 0;
        if (next->xoff < left && end > right)
            found = 1;
        else if (next->xoff >= left && next->xoff <= right)
            found = 1;
        else if (end >= left && end <= right)
            found = 1;
        if (!found) continue;
        list = xreallocarray(list, size + 1, sizeof *list);
        list[size++] = next;
    }
    next = size ? list[0] : NULL;
    free(list);
    return next;
}
