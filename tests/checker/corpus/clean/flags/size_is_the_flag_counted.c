// tmux's status_prompt_complete_window_menu: a list grown by one element per turn, its count
// stepped with `size++` after each growth, so the count is 0 exactly when no list was made; the
// function leaves early on `size == 0` without freeing. The step loses the count's constant, but
// not that it went up from 0: the path that allocated cannot take that return.
#include <stdlib.h>
#include <string.h>

struct item {
    struct item *next;
    int idx;
};

extern void fatal(const char *why) __attribute__((noreturn));

static void *xreallocarray(void *p, size_t n, size_t size)
{
    void *q = reallocarray(p, n, size);
    if (q == NULL) fatal("out of memory");
    return q;
}

char *pick_first(struct item *items, unsigned height)
{
    char **list = NULL;
    unsigned size = 0;
    for (struct item *i = items; i != NULL; i = i->next) {
        list = xreallocarray(list, size + 1, sizeof *list);
        list[size++] = strdup("item");
        if (size == height) break;
    }
    if (size == 0) return NULL;
    char *first = list[0];
    for (unsigned k = 1; k < size; k++)
        free(list[k]);
    free(list);
    return first;
}
