// As clean/lists/tailq_remove_first.c without the TAILQ_REMOVE: the head still names the element
// just freed, so the next turn frees it again.
#include <stdlib.h>
#include <sys/queue.h>

struct title {
    char *text;
    TAILQ_ENTRY(title) entry;
};
TAILQ_HEAD(titles, title);

void free_titles(struct titles *titles)
{
    struct title *t;
    while ((t = TAILQ_FIRST(titles)) != NULL) {
        free(t->text); // expect: use-after-free
        free(t);       // expect: double-free
    }
}
