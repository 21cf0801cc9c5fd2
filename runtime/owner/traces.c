/* traces.c: with OWN_OPTIONS=backtrace=1, the call stacks of an owned block's allocation and drop,
 * printed under the "allocated at" and "dropped at" notes of a report about the block.
 *
 * The stacks live in a table beside the blocks, keyed by header address, not in the header: the
 * header's 128 bytes are laid out for the fast paths, and a debugging option must not cost a
 * program that does not use it. An entry is made at own_new, filled at the drop, follows the block
 * through own_resize, and goes when the block's memory goes back to the heap (the quarantine). */
#include <pthread.h>
#include <string.h>

#include "owner/block.h"

typedef struct trace {
    void *frames[OWN_BACKTRACE_FRAMES];
    unsigned count;
} trace;

typedef struct entry {
    const struct own__block *block;
    trace alloc, drop;
    struct entry *next;
} entry;

bool own__trace_stacks;

#define BUCKETS 4096
static entry *buckets[BUCKETS];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static entry **bucket_of(const struct own__block *b)
{
    return &buckets[((uintptr_t)b >> 7) % BUCKETS];
}

static entry *find(const struct own__block *b)
{
    for (entry *e = *bucket_of(b); e; e = e->next)
        if (e->block == b) return e;
    return NULL;
}

void own__traces_allocated(const struct own__block *b)
{
    entry *e = own_calloc(1, sizeof *e);
    if (!e) return; /* the report will just have no stack */
    e->block = b;
    e->alloc.count = own__backtrace_capture(e->alloc.frames, OWN_BACKTRACE_FRAMES);
    pthread_mutex_lock(&lock);
    e->next = *bucket_of(b);
    *bucket_of(b) = e;
    pthread_mutex_unlock(&lock);
}

void own__traces_dropped(const struct own__block *b)
{
    trace t;
    t.count = own__backtrace_capture(t.frames, OWN_BACKTRACE_FRAMES);
    pthread_mutex_lock(&lock);
    entry *e = find(b);
    if (e) e->drop = t;
    pthread_mutex_unlock(&lock);
}

/* Takes b's entry out of its bucket (the lock held); NULL when it has none. */
static entry *unlink_entry(const struct own__block *b)
{
    entry **at = bucket_of(b);
    while (*at && (*at)->block != b)
        at = &(*at)->next;
    entry *e = *at;
    if (e) *at = e->next;
    return e;
}

void own__traces_moved(const struct own__block *from, const struct own__block *to)
{
    pthread_mutex_lock(&lock);
    entry *e = unlink_entry(from);
    if (e) {
        e->block = to;
        e->next = *bucket_of(to);
        *bucket_of(to) = e;
    }
    pthread_mutex_unlock(&lock);
}

void own__traces_forget(const struct own__block *b)
{
    pthread_mutex_lock(&lock);
    entry *e = unlink_entry(b);
    pthread_mutex_unlock(&lock);
    own_free(e);
}

void own__traces_report(own_report *r, const struct own__block *b, bool drop)
{
    trace t = {.count = 0};
    pthread_mutex_lock(&lock);
    entry *e = find(b);
    if (e) t = drop ? e->drop : e->alloc;
    pthread_mutex_unlock(&lock);
    own__report_backtrace(r, drop ? "drop backtrace" : "allocation backtrace", t.frames, t.count);
}
