// Emptying a <sys/queue.h> tail queue by removing its first element until none is left (tmux's
// screen_free_titles). TAILQ_REMOVE unlinks the first element through `*elm->field.tqe_prev`,
// which points at the head's tqh_first: the next TAILQ_FIRST is another element.
#include <stdlib.h>
#include <sys/queue.h>

struct title {
    char *text;
    TAILQ_ENTRY(title) entry;
};
TAILQ_HEAD(titles, title);

struct screen {
    struct titles *titles;
};

void screen_free_titles(struct screen *s)
{
    struct title *t;
    if (s->titles == NULL) return;
    while ((t = TAILQ_FIRST(s->titles)) != NULL) {
        TAILQ_REMOVE(s->titles, t, entry);
        free(t->text);
        free(t);
    }
    free(s->titles);
    s->titles = NULL;
}
