/* registry.c: every block of the checked heap, live or in quarantine, in a hash table keyed by
 * its user address. The table is chained through the blocks' headers (no allocation per block)
 * and its bucket array is one mapping of its own, made once and touched only where used. A lock
 * per stripe of buckets keeps threads that work on different blocks apart; no lock is held while
 * anything outside this file runs. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "preload/checked.h"

#define BUCKET_BITS 21 /* 16 MiB of address space, committed page by page as buckets fill */
#define BUCKETS     ((size_t)1 << BUCKET_BITS)
#define STRIPES     64

#define TABLE_PAGE_BUCKETS (4096 / sizeof(own_checked_block *))
#define TABLE_PAGES        (BUCKETS / TABLE_PAGE_BUCKETS)

static own_checked_block **buckets;
static pthread_mutex_t stripes[STRIPES];
/* The pages of the table a block was ever added to: the walks read only those, because reading
 * the others would fault in thousands of pages of zeros (a page fault is 10-20 µs in a VM). */
static _Atomic uint64_t pages_used[TABLE_PAGES / 64];

/* Neighbouring blocks go to neighbouring buckets, so that a program's heap touches as many pages
 * of the table as it spans itself, divided by the bytes a bucket stands for (a multiplicative hash
 * spread 4096 small blocks over 16 MiB of table: a page fault per allocation). The address bits
 * above the table's reach are folded in, so that windows of address space far apart share the
 * buckets evenly. */
static size_t bucket_of(const void *user)
{
    uintptr_t granule = (uintptr_t)user >> 4;
    return (size_t)((granule ^ (granule >> BUCKET_BITS) ^ (granule >> (2 * BUCKET_BITS))) &
                    (BUCKETS - 1));
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
    size_t i = bucket_of(own__checked_user(b)), page = i / TABLE_PAGE_BUCKETS;
    uint64_t bit = UINT64_C(1) << (page % 64);
    if (!(atomic_load_explicit(&pages_used[page / 64], memory_order_relaxed) & bit))
        atomic_fetch_or_explicit(&pages_used[page / 64], bit, memory_order_relaxed);
    pthread_mutex_lock(stripe_of(i));
    b->bucket_next = buckets[i];
    b->bucket_link = &buckets[i];
    if (b->bucket_next) b->bucket_next->bucket_link = &b->bucket_next;
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

/* In O(1), without a walk of the chain: each step of a walk is a miss on the header of a block
 * freed long ago, and a block leaves quarantine on nearly every free of a busy program. */
void own__checked_blocks_remove(own_checked_block *b)
{
    size_t i = bucket_of(own__checked_user(b));
    pthread_mutex_lock(stripe_of(i));
    if (b->bucket_link) { /* NULL once removed */
        *b->bucket_link = b->bucket_next;
        if (b->bucket_next) b->bucket_next->bucket_link = b->bucket_link;
        b->bucket_link = NULL;
    }
    pthread_mutex_unlock(stripe_of(i));
}

void own__checked_blocks_each(void (*visit)(own_checked_block *b, void *arg), void *arg)
{
    if (!buckets) return;
    for (size_t stripe = 0; stripe < STRIPES; stripe++) {
        pthread_mutex_lock(&stripes[stripe]);
        for (size_t i = stripe * (BUCKETS / STRIPES); i < (stripe + 1) * (BUCKETS / STRIPES);
             i += TABLE_PAGE_BUCKETS) {
            size_t page = i / TABLE_PAGE_BUCKETS;
            if (!(atomic_load_explicit(&pages_used[page / 64], memory_order_relaxed) &
                  (UINT64_C(1) << (page % 64))))
                continue;
            for (size_t j = i; j < i + TABLE_PAGE_BUCKETS; j++)
                for (own_checked_block *b = buckets[j]; b; b = b->bucket_next)
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
