/* registry.c: every block of the checked heap, live or in quarantine, in a hash table keyed by
 * its user address. The table is chained through the blocks' headers (no allocation per block)
 * and its bucket array is one mapping of its own, made once and touched only where used. A lock
 * per stripe of buckets keeps threads that work on different blocks apart; no lock is held while
 * anything outside this file runs. */
#define _GNU_SOURCE
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

#include "preload/checked.h"

#define BUCKET_BITS 21 /* 16 MiB of address space, committed page by page as buckets fill */
#define BUCKETS     ((size_t)1 << BUCKET_BITS)
#define STRIPES     64

static own_checked_block **buckets;
static pthread_mutex_t stripes[STRIPES];

static size_t bucket_of(const void *user)
{
    return (size_t)(((uintptr_t)user >> 4) * 0x9e3779b97f4a7c15u >> (64 - BUCKET_BITS));
}

static pthread_mutex_t *stripe_of(size_t bucket)
{
    return &stripes[bucket / (BUCKETS / STRIPES)]; /* contiguous: the exit walk reads in order */
}

bool own__checked_blocks_start(void)
{
    void *map = mmap(NULL, BUCKETS * sizeof *buckets, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED) return false;
    for (unsigned i = 0; i < STRIPES; i++)
        pthread_mutex_init(&stripes[i], NULL);
    buckets = map;
    return true;
}

void own__checked_blocks_extent(const void **start, size_t *size)
{
    *start = buckets;
    *size = buckets ? BUCKETS * sizeof *buckets : 0;
}

void own__checked_blocks_add(own_checked_block *b)
{
    size_t i = bucket_of(own__checked_user(b));
    pthread_mutex_lock(stripe_of(i));
    b->bucket_next = buckets[i];
    buckets[i] = b;
    pthread_mutex_unlock(stripe_of(i));
}

/* The block at user in bucket i; the caller holds the stripe. */
static own_checked_block *lookup(size_t i, const void *user)
{
    own_checked_block *b = buckets[i];
    while (b && own__checked_user(b) != (const uint8_t *)user)
        b = b->bucket_next;
    return b;
}

enum own_checked_state own__checked_blocks_find(const void *user, own_checked_block *copy)
{
    if (!buckets) return OWN_BLOCK_NONE;
    size_t i = bucket_of(user);
    pthread_mutex_lock(stripe_of(i));
    own_checked_block *b = lookup(i, user);
    enum own_checked_state state = b ? (enum own_checked_state)b->state : OWN_BLOCK_NONE;
    if (b && copy) memcpy(copy, b, sizeof *copy);
    pthread_mutex_unlock(stripe_of(i));
    return state;
}

own_checked_block *own__checked_blocks_retire(const void *user, enum own_checked_state *state,
                                              own_checked_block *copy)
{
    *state = OWN_BLOCK_NONE;
    if (!buckets) return NULL;
    size_t i = bucket_of(user);
    pthread_mutex_lock(stripe_of(i));
    own_checked_block *b = lookup(i, user);
    if (b) {
        *state = (enum own_checked_state)b->state;
        if (b->state == OWN_BLOCK_LIVE) {
            b->state = OWN_BLOCK_FREED;
        } else {
            memcpy(copy, b, sizeof *copy);
            b = NULL;
        }
    }
    pthread_mutex_unlock(stripe_of(i));
    return b;
}

void own__checked_blocks_remove(own_checked_block *b)
{
    size_t i = bucket_of(own__checked_user(b));
    pthread_mutex_lock(stripe_of(i));
    own_checked_block **link = &buckets[i];
    while (*link && *link != b)
        link = &(*link)->bucket_next;
    if (*link) *link = b->bucket_next;
    pthread_mutex_unlock(stripe_of(i));
}

void own__checked_blocks_each(void (*visit)(own_checked_block *b, void *arg), void *arg)
{
    if (!buckets) return;
    for (size_t stripe = 0; stripe < STRIPES; stripe++) {
        pthread_mutex_lock(&stripes[stripe]);
        for (size_t i = stripe * (BUCKETS / STRIPES); i < (stripe + 1) * (BUCKETS / STRIPES); i++) {
            for (own_checked_block *b = buckets[i]; b; b = b->bucket_next)
                visit(b, arg);
        }
        pthread_mutex_unlock(&stripes[stripe]);
    }
}

void own__checked_blocks_lock_all(bool lock)
{
    for (unsigned i = 0; i < STRIPES; i++) {
        if (lock)
            pthread_mutex_lock(&stripes[i]);
        else
            pthread_mutex_unlock(&stripes[i]);
    }
}
