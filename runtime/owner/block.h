/* block.h: the ownership layer's internals — block headers, thread shards, the asymmetric fence
 * and the report helpers — shared by the files of runtime/owner/.
 *
 * An owned block is one own_malloc block: [struct own__block (128 bytes)][data]. The header layout
 * is in include/own/owner.h because the inline fast paths read it; this file adds what only the
 * library needs.
 *
 * Shards: every thread that creates owned blocks has a shard (never freed; adopted by a later
 * thread when its thread ends). The shard's list holds its live blocks, for the leak listing;
 * only the shard's thread links or unlinks, so that takes no lock. Another thread that drops a
 * block pushes it on the home shard's `remote` stack (one CAS), and the home thread unlinks it
 * later. Dropped blocks wait in the dropping shard's quarantine before their memory goes back to
 * the heap, so a stale handle used soon after a drop still finds the header and the drop site. */
#ifndef OWN_OWNER_BLOCK_H
#define OWN_OWNER_BLOCK_H

#include <stdatomic.h>

#include <own/owner.h>

#include "core/core.h"
#include "heap/heap.h"
#include "stack/stack.h"

_Static_assert(sizeof(struct own__block) == 128, "the header keeps data 16-byte aligned");

#define OWN_QUARANTINE 64

typedef struct own__shard {
    struct own__block *first;            /* live blocks created here (doubly linked) */
    _Atomic(struct own__block *) remote; /* dropped elsewhere, still in `first`'s list */
    struct own__block *quarantine[OWN_QUARANTINE];
    unsigned quarantine_next;
    /* Blocks linked here minus blocks this shard's thread dropped: only that thread writes it
     * (a load and a store, no read-modify-write on the create and drop paths); own_live_blocks
     * adds up every shard's. It may go below zero when blocks are dropped by another thread. */
    _Atomic long live;
    _Atomic bool in_use;         /* a live thread has it */
    bool watch_shared;           /* OWN_OPTIONS=check_shared=1: new blocks are watched */
    struct own__shard *all_next; /* every shard, for the leak listing */
} own__shard;

own_internal extern __thread own__shard *own__my_shard;

static inline struct own__block *own__header(const void *ptr)
{
    return (struct own__block *)ptr - 1;
}

static inline uintptr_t own__block_magic(const struct own__block *b)
{
    return (uintptr_t)b ^ (uintptr_t)0x6f776e6564c0ffeeULL;
}

static inline uint64_t own__word_tag(uint64_t word)
{
    return word >> OWN__WORD_SHIFT;
}

static inline uintptr_t own__self(void)
{
    return own__thread_id();
}

static inline unsigned own__me(void)
{
    if (own_unlikely(own__thread.number == 0)) own__thread.number = own__thread_number();
    return own__thread.number;
}

/* Borrows the bias thread still holds through its counter: shared count and exclusive units.
 * bias_count is read first: the bias thread folds bias_remote into it (own__bias_fold) by
 * emptying bias_remote and then lowering bias_count, so reading in that order can only see too
 * many borrows for a moment, never too few. */
static inline uint64_t own__bias_held(struct own__block *b)
{
    uint64_t count = atomic_load_explicit(&b->bias_count, memory_order_acquire);
    return count - atomic_load_explicit(&b->bias_remote, memory_order_acquire);
}

/* ---- Registry (registry.c) ---------------------------------------------------------------- */
own_internal own__shard *own__shard_start(void);
own_internal void own__registry_link(own__shard *s, struct own__block *b);
/* A dropped block (DEAD): unlinked and quarantined here, or sent to its home shard. */
own_internal void own__registry_retire(struct own__block *b);
own_internal void own__shard_collect(own__shard *s);

/* ---- Watching shared borrows (contents.c) -------------------------------------------------- */
/* Bytes to allocate after the header for `size` bytes of a watched block: data and trailer. */
own_internal size_t own__watch_size(size_t size);
/* Makes a new block (header initialised, no borrow) a watched one: never biased, with a trailer. */
own_internal void own__watch_start(struct own__block *b);
/* After a shared borrow of a watched block began / before it ends (reports a changed content). */
own_internal void own__watch_borrowed(struct own__block *b);
own_internal void own__watch_released(struct own__block *b, const own_src *site);

static inline bool own__watched(const struct own__block *b)
{
    return atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == 0;
}

/* ---- Call stacks of blocks, OWN_OPTIONS=backtrace=1 (traces.c) ----------------------------- */
/* Set once any thread starts the ownership layer with the option on. */
own_internal extern bool own__trace_stacks;
own_internal void own__traces_allocated(const struct own__block *b);
own_internal void own__traces_dropped(const struct own__block *b);
own_internal void own__traces_moved(const struct own__block *from, const struct own__block *to);
own_internal void own__traces_forget(const struct own__block *b); /* its memory goes back */
/* "   = allocation backtrace:" (or the drop's) and its frames, when recorded. */
own_internal void own__traces_report(own_report *r, const struct own__block *b, bool drop);

/* ---- Fences (barrier.c) -------------------------------------------------------------------- */
/* Returns when every thread of the process has passed a full memory barrier since the call:
 * the other side of the fast path's announce-then-look. */
own_internal void own__asymmetric_fence(void);

/* ---- Borrow word (borrow.c) ---------------------------------------------------------------- */
/* Ends the bias of `b` (idempotent): afterwards every thread uses the word. Returns the word
 * seen once unbiased, or a word whose tag differs from `tag` / that is DEAD (the caller reports).
 */
own_internal uint64_t own__unbias(struct own__block *b, uint64_t tag);
/* On the bias thread: moves the releases other threads made (bias_remote) into bias_count, so
 * that the fast paths, which only look at bias_count, see the borrows this thread holds. */
own_internal void own__bias_fold(struct own__block *b);

/* ---- Diagnosis and reports (diagnose.c) ---------------------------------------------------- */
/* Checks a box before an operation. Returns its header when the box owns a live heap block;
 * otherwise reports (use-after-move, use-after-free/double-free, invalid-handle, or for stack
 * handles `stack_kind`, "" meaning the stack block is fine) and returns NULL. */
own_internal struct own__block *own__check_box(const own_box *h, const char *verb,
                                               const own_src *site);
/* Whether the header at `ptr` is readable and valid, without faulting. An owned block's header
 * and data always share a 4 MiB slot of the heap's segment map (blocks never start at a slot's
 * first bytes), so one look at the slot of `ptr` says both are in memory own mapped; NULL and
 * other low addresses fall in slot 0, which is never own's. Then the magic word says whether a
 * header is there. */
static inline bool own__header_valid(const void *ptr)
{
    uintptr_t at = (uintptr_t)ptr, slot = at >> OWN_SEGMENT_SHIFT;
    uint8_t *map = atomic_load_explicit(&own__segment_map, memory_order_relaxed);
    if (own_unlikely(((at - sizeof(struct own__block)) >> OWN_SEGMENT_SHIFT) != slot ||
                     slot >= ((uintptr_t)1 << (48 - OWN_SEGMENT_SHIFT)) || !map ||
                     !__atomic_load_n(&map[slot], __ATOMIC_RELAXED)))
        return false;
    const struct own__block *b = own__header(ptr);
    return b->magic == own__block_magic(b);
}
/* Reports `kind` about block `b` at `site` with the notes that explain it. */
own_internal void own__report_block(const char *kind, struct own__block *b, const own_src *site,
                                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Adds the sites recorded in `b` to an open report: borrowed, moved, dropped, allocated. */
own_internal void own__report_history(own_report *r, struct own__block *b, bool borrow, bool move,
                                      bool drop);

#endif
