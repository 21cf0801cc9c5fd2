// The loop of clean/containers/list_grown_in_filtered_loop.c with reallocarray, which returns
// NULL when it fails and leaves the old block alone: storing its result over `list` loses the
// old block then.
#define _DEFAULT_SOURCE
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
        list = reallocarray(list, size + 1, sizeof *list); // expect: leak
        list[size++] = next;
    }
    next = size ? list[0] : NULL;
    free(list);
    return next;
}
