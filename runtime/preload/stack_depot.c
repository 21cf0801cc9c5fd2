/* stack_depot.c: every distinct call stack the checked heap records, stored once. A program
 * allocates from a few thousand places, millions of times: each block keeps a 32-bit number
 * instead of its allocation and free stacks' frames (256 bytes a block, most of its header).
 *
 * Stacks live in one reserved mapping, appended to and never changed or freed, so a number, once
 * given out, names the same frames for the life of the process, and readers need no lock. A hash
 * table of chains finds a stack given again: a new one is written first, then linked at its
 * chain's head with a compare-and-swap (release), which readers load with acquire. Of two threads
 * adding one stack at once, the one whose link fails finds the other's entry among those linked
 * meanwhile and leaves its own copy unused, so a stack has one number. Nothing here allocates: it
 * runs inside malloc. */
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "preload/checked.h"

#define DEPOT_BYTES ((size_t)1 << 30) /* reserved: millions of stacks; numbered by 8-byte word */
/* 65536 chain heads, 256 KiB, made resident at once: a hash sends each new stack to a page of
 * its own, and a page fault is 10-20 µs in a VM (the 4 MiB of heads there were before cost a
 * small program 45 faults, half a millisecond, in each process of a `make`), against about
 * 50 µs to populate them. A program with a million distinct stacks walks chains of 16. */
#define BUCKET_BITS  16
#define BUCKET_COUNT ((size_t)1 << BUCKET_BITS)
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; before it, EINVAL and the heads fault in */
#endif

typedef struct entry {
    uint32_t next; /* the next entry of its chain, or 0 */
    uint32_t depth;
    uint64_t hash;
    void *frames[];
} entry;

/* One reserved mapping: the chain heads, then the entries, numbered by their first word (so
 * no entry is number 0). The leak listing leaves it out of its roots (own__depot_extent). */
#define HEADS_WORDS (BUCKET_COUNT * sizeof(uint32_t) / sizeof(uint64_t))
static uint64_t *words;
static _Atomic uint32_t *buckets;        /* BUCKET_COUNT chain heads */
static atomic_size_t used = HEADS_WORDS; /* words handed out */
static _Atomic int ready;                /* 0 not yet, 1 being made, 2 made, 3 failed */

static bool depot_ready(void)
{
    int state = atomic_load_explicit(&ready, memory_order_acquire);
    if (own_likely(state == 2)) return true;
    if (state == 3) return false;
    int expected = 0;
    if (atomic_compare_exchange_strong(&ready, &expected, 1)) {
        void *w = mmap(NULL, DEPOT_BYTES, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        words = w == MAP_FAILED ? NULL : w;
        buckets = (_Atomic uint32_t *)words;
        if (words) madvise(words, BUCKET_COUNT * sizeof *buckets, MADV_POPULATE_WRITE);
        atomic_store_explicit(&ready, words ? 2 : 3, memory_order_release);
    }
    while ((state = atomic_load_explicit(&ready, memory_order_acquire)) == 1) {
    }
    return state == 2;
}

static entry *at(uint32_t id)
{
    return (entry *)(words + id);
}

static uint64_t hash_of(void *const *frames, unsigned depth)
{
    uint64_t h = 0xcbf29ce484222325u ^ depth;
    for (unsigned i = 0; i < depth; i++)
        h = (h ^ (uintptr_t)frames[i]) * 0x100000001b3u;
    return h ^ (h >> 29);
}

/* The entry of `frames` in the chain from `id` down to (not including) `stop`, or 0. */
static uint32_t find(uint32_t id, uint32_t stop, uint64_t hash, void *const *frames, unsigned depth)
{
    for (; id && id != stop; id = at(id)->next) {
        const entry *e = at(id);
        if (e->hash == hash && e->depth == depth &&
            !memcmp(e->frames, frames, depth * sizeof *frames))
            return id;
    }
    return 0;
}

own_stack_id own__depot_put(void *const *frames, unsigned depth)
{
    if (!depth || !depot_ready()) return 0;
    uint64_t hash = hash_of(frames, depth);
    _Atomic uint32_t *head = &buckets[hash & (BUCKET_COUNT - 1)];
    uint32_t first = atomic_load_explicit(head, memory_order_acquire);
    uint32_t id = find(first, 0, hash, frames, depth);
    if (id) return id;
    size_t size = (sizeof(entry) + depth * sizeof(void *)) / sizeof(uint64_t);
    size_t offset = atomic_fetch_add_explicit(&used, size, memory_order_relaxed);
    if (offset + size > DEPOT_BYTES / sizeof(uint64_t)) return 0; /* full: the stack is not kept */
    id = (uint32_t)offset;
    entry *e = at(id);
    e->depth = depth;
    e->hash = hash;
    memcpy(e->frames, frames, depth * sizeof *frames);
    for (;;) {
        e->next = first;
        if (atomic_compare_exchange_weak_explicit(head, &first, id, memory_order_release,
                                                  memory_order_acquire))
            return id;
        /* Others were linked meanwhile: one of them may be this stack. */
        uint32_t other = find(first, e->next, hash, frames, depth);
        if (other) return other;
    }
}

unsigned own__depot_get(own_stack_id id, void **frames, unsigned room)
{
    if (!id || atomic_load_explicit(&ready, memory_order_acquire) != 2) return 0;
    const entry *e = at(id);
    unsigned depth = e->depth < room ? e->depth : room;
    memcpy(frames, e->frames, depth * sizeof *frames);
    return depth;
}

void own__depot_extent(const void **start, size_t *size)
{
    bool made = atomic_load_explicit(&ready, memory_order_acquire) == 2;
    *start = made ? words : NULL;
    *size = made ? DEPOT_BYTES : 0;
}
