/* contents.c: OWN_OPTIONS=check_shared=1 — writes through a shared borrow, caught at run time.
 *
 * A shared borrow promises that nobody writes the block while it lives. The `const` of own_ref's
 * pointer keeps honest code to that; a cast can still break it, and the hardware cannot tell.
 * With the option on, every block created afterwards is "watched": a trailer after its data holds
 * a hash of the contents and the number of shared borrows that hashed-in. The first shared borrow
 * hashes the contents; every release of a shared borrow hashes them again, before the borrow
 * ends, and reports write-through-shared when they changed. While any shared borrow lives no
 * exclusive one can, so a changed hash means a write through a shared borrow (or a write with no
 * borrow at all, which breaks the same promise).
 *
 * Watched blocks are never biased (they are created with the word UNBIASED and no bias thread),
 * so every borrow of them takes the word path, where these hooks sit; the fast paths of owner.h
 * are untouched. The trailer's fields are guarded by a lock chosen by the block's address: a
 * debugging mode may serialise the hashing, never the borrows themselves. */
#include <pthread.h>
#include <string.h>

#include "owner/block.h"

typedef struct own__watch {
    uint64_t hash;    /* of the contents when the first of the current shared borrows began */
    uint64_t readers; /* shared borrows that passed own__watch_borrowed and not yet released */
} own__watch;

#define STRIPES 64
static pthread_mutex_t stripes[STRIPES] = {[0 ... STRIPES - 1] = PTHREAD_MUTEX_INITIALIZER};

static pthread_mutex_t *stripe_of(const struct own__block *b)
{
    return &stripes[((uintptr_t)b >> 7) % STRIPES];
}

size_t own__watch_size(size_t size)
{
    return ((size + 15) & ~(size_t)15) + sizeof(own__watch);
}

static own__watch *watch_of(struct own__block *b)
{
    return (own__watch *)((char *)(b + 1) + (own__watch_size(b->size) - sizeof(own__watch)));
}

void own__watch_start(struct own__block *b)
{
    atomic_store_explicit(&b->word, atomic_load_explicit(&b->word, memory_order_relaxed) |
                                        OWN__WORD_UNBIASED,
                          memory_order_relaxed);
    atomic_store_explicit(&b->bias_thread, 0, memory_order_relaxed);
    own__watch *w = watch_of(b);
    w->hash = 0;
    w->readers = 0;
}

/* 64-bit FNV-1a over words, then the tail: quick, and any changed byte changes it. */
static uint64_t contents_hash(const unsigned char *p, size_t n)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, 8);
        h = (h ^ word) * UINT64_C(0x100000001b3);
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * UINT64_C(0x100000001b3);
    return h;
}

void own__watch_borrowed(struct own__block *b)
{
    own__watch *w = watch_of(b);
    pthread_mutex_lock(stripe_of(b));
    if (w->readers++ == 0) w->hash = contents_hash((const unsigned char *)(b + 1), b->size);
    pthread_mutex_unlock(stripe_of(b));
}

void own__watch_released(struct own__block *b, const own_src *site)
{
    own__watch *w = watch_of(b);
    pthread_mutex_lock(stripe_of(b));
    uint64_t now = contents_hash((const unsigned char *)(b + 1), b->size);
    bool changed = w->readers != 0 && now != w->hash;
    w->hash = now; /* one report per change, not one per reader */
    if (w->readers) w->readers--;
    pthread_mutex_unlock(stripe_of(b));
    if (!changed) return;
    own_report r;
    own_site at = own__site(site, own__me());
    own__report_begin(&r, "write-through-shared",
                      "block of %zu bytes changed while borrowed (shared)", b->size);
    own__report_at(&r, &at);
    own__report_history(&r, b, true, true, false);
    own__report_line(&r, "   = note: found when this shared borrow ended; the write came while "
                         "it or another shared borrow lived");
    own__report_line(&r, "   = help: borrow with own_borrow_mut to write; keep the const of "
                         "own_ref's pointer (-Wcast-qual finds the casts)");
    own__report_finish(&r);
}
