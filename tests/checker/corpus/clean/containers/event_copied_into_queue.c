/* libyaml's emitter: an event is built on the stack with a block in it and handed by address to
 * a function that copies the whole struct into its queue. The block went with the copy. */
#include <stdlib.h>
#include <string.h>

struct event {
    int type;
    char *anchor;
};

void event_delete(struct event *event); /* defined elsewhere */

struct emitter {
    struct event *events;
    int n, cap;
};

static int emit(struct emitter *e, struct event *event)
{
    if (e->n == e->cap) {
        event_delete(event);
        return 0;
    }
    e->events[e->n++] = *event;
    return 1;
}

int dump_alias(struct emitter *e, int id)
{
    struct event event;
    memset(&event, 0, sizeof event);
    event.anchor = malloc(16);
    if (!event.anchor) return 0;
    event.anchor[0] = (char)id;
    return emit(e, &event);
}
