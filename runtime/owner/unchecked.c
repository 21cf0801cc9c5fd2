/* unchecked.c: what -DOWN_UNCHECKED code still needs from the library — the waiting borrows.
 * Checks go away in that build, but own_borrow_wait / own_borrow_mut_wait are synchronisation a
 * proven program relies on (the chefs wait their turn), so they stay: as reader-writer locks on
 * the block's address, kept in a table beside the blocks since unchecked blocks have no header.
 *
 * The table has 64 stripes of 32 slots; a slot holds one address with its readers and writer.
 * Each stripe has a mutex and a condition variable; a borrow waits until its address has no
 * writer (shared) or nobody (exclusive). Different addresses never wait for each other unless a
 * stripe fills up with 32 addresses borrowed at once. */
#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "owner/block.h"

#define STRIPES 64
#define SLOTS   32

typedef struct slot {
    const void *ptr;
    unsigned readers;
    bool writer;
} slot;

static struct stripe {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    slot slots[SLOTS];
} stripes[STRIPES];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static void init(void)
{
    for (int i = 0; i < STRIPES; i++) {
        pthread_mutex_init(&stripes[i].lock, NULL);
        pthread_condattr_t attr;
        pthread_condattr_init(&attr);
        pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
        pthread_cond_init(&stripes[i].changed, &attr);
        pthread_condattr_destroy(&attr);
    }
}

static struct stripe *stripe_of(const void *ptr)
{
    pthread_once(&init_once, init);
    return &stripes[((uintptr_t)ptr >> 4) * UINT64_C(0x9E3779B97F4A7C15) >> 58];
}

static slot *find(struct stripe *s, const void *ptr, bool make)
{
    slot *empty = NULL;
    for (int i = 0; i < SLOTS; i++) {
        if (s->slots[i].ptr == ptr) return &s->slots[i];
        if (!s->slots[i].ptr && !empty) empty = &s->slots[i];
    }
    if (make && empty) empty->ptr = ptr;
    return make ? empty : NULL;
}

OWN_API bool own__unchecked_wait(const void *ptr, bool exclusive, long long timeout_ns)
{
    struct stripe *s = stripe_of(ptr);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (timeout_ns > 0) {
        deadline.tv_sec += timeout_ns / 1000000000;
        deadline.tv_nsec += timeout_ns % 1000000000;
        if (deadline.tv_nsec >= 1000000000) deadline.tv_sec++, deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&s->lock);
    for (;;) {
        slot *e = find(s, ptr, true);
        if (e && !e->writer && (!exclusive || e->readers == 0)) {
            if (exclusive)
                e->writer = true;
            else
                e->readers++;
            pthread_mutex_unlock(&s->lock);
            return true;
        }
        if (e && !e->writer && !e->readers) e->ptr = NULL;
        int rc = timeout_ns < 0 ? pthread_cond_wait(&s->changed, &s->lock)
                                : pthread_cond_timedwait(&s->changed, &s->lock, &deadline);
        if (rc == ETIMEDOUT) {
            pthread_mutex_unlock(&s->lock);
            return false;
        }
    }
}

OWN_API void own__unchecked_end(const void *ptr, bool exclusive)
{
    struct stripe *s = stripe_of(ptr);
    pthread_mutex_lock(&s->lock);
    slot *e = find(s, ptr, false);
    if (e) {
        if (exclusive)
            e->writer = false;
        else if (e->readers)
            e->readers--;
        if (!e->writer && !e->readers) e->ptr = NULL;
    }
    pthread_cond_broadcast(&s->changed);
    pthread_mutex_unlock(&s->lock);
}
