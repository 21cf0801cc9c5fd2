/* block.h: the ownership layer's internals — block headers, thread shards, the asymmetric fence
 * and the report helpers — shared by the files of runtime/owner/.
 *
 * An owned block is one own_malloc block: [struct own__block (128 bytes)][data]. The header layout
 * is in include/own/owner.h because the inline fast paths read it; this file adds what only the
 * library needs.
 *
 * Shards: every thread that creates owned blocks has a shard (never freed; adopted by a later
 * thread when its thread ends). The shard's registry holds its live blocks, for the leak listing:
 * an array of slots, each holding a block or, when free, the index of the next free slot (so
 * free slots form a stack threaded through the array). A block knows its slot, so linking pops a
 * free slot and unlinking pushes it back: neither touches another block's header, whatever order
 * blocks are created and dropped in. Only the shard's thread links or unlinks, so that takes no
 * lock; the array only grows, under the shards lock, which the leak listing holds while it reads.
 * Another thread that drops a block pushes it on the home shard's `remote` stack (one CAS), and
 * the home thread quarantines it later.
 *
 * Dropped blocks wait in their home shard's quarantine, a ring of the last OWN_QUARANTINE drops,
 * before their memory is used again, so a stale handle used soon after a drop still finds the
 * header and the drop site. A quarantined block keeps its registry slot (the leak listing skips
 * it: its word is DEAD). The oldest block of the ring leaves it either for the heap, unlinked,
 * when the next drop needs its place, or, if its memory is of the heap size class a new block
 * needs, as that new block, slot and all: own_new then skips the heap's free and malloc and the
 * registry's unlink and link. A dropped block's memory is therefore reused only after its home
 * thread has dropped OWN_QUARANTINE - 1 others. */
#ifndef OWN_OWNER_BLOCK_H
#define OWN_OWNER_BLOCK_H

#include <stdatomic.h>

#include <own/owner.h>

#include "core/core.h"
#include "heap/heap.h"
#include "stack/stack.h"

_Static_assert(sizeof(struct own__block) == 128, "the header keeps data 16-byte aligned");

#define OWN_QUARANTINE 64 /* a power of two: the ring's index is a mask */

/* A registry slot: a block's address, or (index << 1) | 1 for a free slot whose next free slot is
 * `index` (OWN_NO_SLOT ends the stack). Blocks are 16-byte aligned, so the low bit tells them
 * apart. */
typedef _Atomic uintptr_t own__slot;
#define OWN_NO_SLOT UINT32_MAX

typedef struct own__shard {
    own__slot *slots;                    /* the registry: `capacity` slots */
    uint32_t capacity;                   /* slots in the array, every one in use or free */
    uint32_t free_slot;                  /* top of the free slots' stack, or OWN_NO_SLOT */
    _Atomic(struct own__block *) remote; /* dropped elsewhere, not yet quarantined */
    struct own__block *quarantine[OWN_QUARANTINE];
    unsigned quarantine_next;    /* the oldest entry (or an empty one) */
    unsigned thread_number;      /* own__me() of the thread that has the shard */
    uint64_t last_tag;           /* the owner tag of the block created last (lifecycle.c) */
    _Atomic bool in_use;         /* a live thread has it */
    bool watch_shared;           /* OWN_OPTIONS=check_shared=1: new blocks are watched */
    bool plain_creates;          /* neither watched nor traced: own_new's fast path serves them */
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

/* ---- Registry and quarantine (registry.c) ------------------------------------------------- */
own_internal own__shard *own__shard_start(void);
/* Makes room for one more block in the registry (false: out of memory). */
own_internal bool own__registry_grow(own__shard *s);
/* Blocks other threads dropped go into the quarantine. */
own_internal void own__shard_collect(own__shard *s);
/* A dropped block (DEAD): quarantined here when the calling thread's shard is its home, else sent
 * home. */
own_internal void own__registry_retire(struct own__block *b);
/* The quarantine's oldest block leaves the registry and goes back to the heap. */
own_internal void own__quarantine_evict(own__shard *s, struct own__block *b);

/* Whether the next own__registry_link can take a slot without growing the array. The callers
 * ask before they allocate, so that linking, the last step of a create, cannot fail. */
static inline bool own__registry_ready(own__shard *s)
{
    return own_likely(s->free_slot != OWN_NO_SLOT) || own__registry_grow(s);
}

/* Called on the shard's thread, after own__registry_ready, with b's header complete: the release
 * store publishes it to the leak listing. */
static inline void own__registry_link(own__shard *s, struct own__block *b)
{
    uint32_t i = s->free_slot;
    s->free_slot = (uint32_t)(atomic_load_explicit(&s->slots[i], memory_order_relaxed) >> 1);
    b->home = s;
    b->slot = i;
    atomic_store_explicit(&s->slots[i], (uintptr_t)b, memory_order_release);
}

static inline void own__registry_unlink(own__shard *s, struct own__block *b)
{
    uint32_t i = b->slot;
    atomic_store_explicit(&s->slots[i], ((uintptr_t)s->free_slot << 1) | 1, memory_order_relaxed);
    s->free_slot = i;
}

/* The heap size class of the memory of an owned block of `size` bytes, when such a block may be
 * recycled from the quarantine (a small one); else 0, which no class is. */
static inline unsigned own__recycle_class(size_t size)
{
    if (size > OWN_SMALL_MAX - sizeof(struct own__block)) return 0;
    return own__small_class[(size + sizeof(struct own__block) + 7) >> 3];
}

/* Puts a dropped block whose home is `s` in the ring in place of the oldest. */
static inline void own__quarantine_put(own__shard *s, struct own__block *b)
{
    unsigned i = s->quarantine_next++ % OWN_QUARANTINE;
    struct own__block *oldest = s->quarantine[i];
    s->quarantine[i] = b;
    if (oldest) own__quarantine_evict(s, oldest);
}

/* The oldest quarantined block when its memory is of heap class `class_index` (not 0), else
 * NULL. It stays in the ring until own__quarantine_take. */
static inline struct own__block *own__quarantine_oldest(own__shard *s, unsigned class_index)
{
    struct own__block *oldest = s->quarantine[s->quarantine_next % OWN_QUARANTINE];
    return oldest && oldest->recycle_class == class_index ? oldest : NULL;
}

/* Takes the oldest block out of the ring, for a new block: it keeps its registry slot, its magic
 * and its class; the rest of its header is stale (and its call stacks, if traced, are the
 * caller's to forget). */
static inline void own__quarantine_take(own__shard *s)
{
    s->quarantine[s->quarantine_next % OWN_QUARANTINE] = NULL;
}

/* ---- Visible readers (readers.c) ----------------------------------------------------------- */
/* The table itself, its slots' layout and own__readers_reads are in include/own/owner.h: the
 * inline release of a borrow from the table reads and clears its slot. */
_Static_assert(OWN__READER_SLOT_BITS <= 12, "a slot index fits the borrow tag's bits 44..55");
#define OWN__READER_THREAD_MAX 0xffffu /* later threads take the word path */

/* The slot a shared borrow of `b` by the calling thread claims. */
static inline unsigned own__readers_slot(const struct own__block *b)
{
    uint64_t x = ((uintptr_t)b >> 7) ^ ((uint64_t)own__self() * UINT64_C(0x9e3779b97f4a7c15));
    return (unsigned)((x * UINT64_C(0xff51afd7ed558ccd)) >> (64 - OWN__READER_SLOT_BITS));
}

/* Claims the slot for a borrow of `b` by thread number `thread` at `site` (false: the slot is
 * another borrow's). Sequentially consistent: the look at the word that follows cannot pass it. */
static inline bool own__readers_claim(unsigned slot, const struct own__block *b, unsigned thread,
                                      const own_src *site)
{
    uintptr_t empty = 0;
    if (atomic_load_explicit(&own__readers[slot], memory_order_relaxed) != 0 ||
        !atomic_compare_exchange_strong_explicit(&own__readers[slot], &empty,
                                                 (uintptr_t)b | (uintptr_t)thread
                                                                    << OWN__READER_THREAD_SHIFT,
                                                 memory_order_seq_cst, memory_order_relaxed))
        return false;
    atomic_store_explicit(&own__reader_sites[slot], site, memory_order_relaxed);
    return true;
}

enum own__close {
    OWN__CLOSE_TAKEN,   /* the table holds no reader of b: the word is now `w` + EXCL, without
                           VISIBLE and TABLED, and the caller holds it exclusively */
    OWN__CLOSE_READERS, /* readers of b are in the table: the word is `w` without VISIBLE, and
                           b's borrow_site and borrow_thread name one of them */
    OWN__CLOSE_RETRY,   /* the word was no longer `w` */
};
/* For a writer that found `w` (no EXCL, TABLED) in b's word: takes the word exclusively and
 * closes the table to readers of b, if the table holds none. */
own_internal enum own__close own__readers_close(struct own__block *b, uint64_t w);

/* ---- Fences (barrier.c) -------------------------------------------------------------------- */
/* Returns when every thread of the process has passed a full memory barrier since the call:
 * the other side of the fast path's announce-then-look. */
own_internal void own__asymmetric_fence(void);

/* ---- Borrow word (borrow.c) ---------------------------------------------------------------- */
/* Ends the bias of `b` (idempotent): afterwards every thread uses the word, and, when `readers`
 * (the caller is a shared borrow), other threads' shared borrows may use the readers table.
 * Returns the word seen once unbiased, or a word whose tag differs from `tag` / that is DEAD (the
 * caller reports). */
own_internal uint64_t own__unbias(struct own__block *b, uint64_t tag, bool readers);
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
 * first bytes), so one look at the slot of `ptr` says both are in memory own mapped; a `ptr` in
 * the first bytes of a slot (NULL among them) has no header there. Then the magic word says
 * whether a header is there. The inline fast paths make the same first test with
 * own__header_readable (owner.h) on the copy of the map the heap exports; this one reads the
 * heap's own map, without a trip through the GOT. */
static inline bool own__header_valid(const void *ptr)
{
    uintptr_t in_slot = (uintptr_t)ptr & (OWN_SEGMENT_SIZE - 1);
    if (own_unlikely(in_slot < sizeof(struct own__block) || !own__map_mark(ptr))) return false;
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
