// A queue's taker fills a moved-from handle in again on every trip (the kitchen's chef loop):
// after `take` succeeds the handle owns a new block, whatever happened to the last one.
#include <stdbool.h>
#include "own_decls.h"

typedef struct queue {
    own_box slots[8];
    int put, taken;
} queue;

static void give(queue *q, own_box *h)
{
    q->slots[q->put++] = own_move(h);
}

static bool take(queue *q, own_box *out)
{
    if (q->taken >= q->put) return false;
    *out = own_move(&q->slots[q->taken++]);
    return true;
}

void relay(queue *in, queue *out)
{
    own_box ticket;
    while (take(in, &ticket)) {
        own_mut m = own_borrow_mut(&ticket);
        own_release(m);
        give(out, &ticket);
    }
}
