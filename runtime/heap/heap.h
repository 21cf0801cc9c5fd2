/* heap.h: the internal layout of own's heap, shared by the files of runtime/heap/.
 *
 * Memory comes from the OS in segments of 4 MiB, aligned to 4 MiB, so the segment of any pointer is
 * found by masking. A byte map over the whole address space (one byte per 4 MiB, reserved lazily)
 * says which 4 MiB slots are own's, so a pointer own never gave out is recognised without touching
 * its memory. Two kinds of segment:
 *
 *   small  slice 0 (64 KiB) holds this header and 64 page descriptors; slices 1..63 are handed out
 *          in runs ("pages") of 1..32 slices, each serving one size class. A page belongs to one
 *          thread's heap: only that thread allocates from it or frees to its local free list, with
 *          no lock and no atomic read-modify-write. Other threads push freed blocks onto the page's
 *          `thread_free` stack (one CAS), which the owner collects when its local list runs dry.
 *   arena  64 MiB from which blocks bigger than the largest class, up to 16 MiB, are carved at
 *          page granularity and to which they return in place (arena.c): their pages stay
 *          resident for the next big block instead of being faulted in again.
 *   huge   one block bigger than that (or aligned beyond a page), in a mapping of its own (header
 *          in the first OS page, block after it). Freed from any thread; a few freed mappings are
 *          cached.
 *
 * Page lookup: slice index = (p >> 16) & 63; a descriptor of a slice inside a run points back to
 * the run's first descriptor with `descriptor_back`. The owner tag and borrow word of the ownership
 * layer live in a small header inside the block, so plain malloc pays nothing for them.
 *
 * Taking memory: a page's blocks are carved about an OS page at a time, but a class that has used
 * up 8 pages gets each next page of one slice resident in one call, not a fault per 4 KiB
 * (alloc.c).
 *
 * Giving memory back (the policy the README documents): a page whose last block is freed returns
 * its slices to its segment, except the one page a size class allocates from; free slices stay
 * committed up to a quarter of the most slices the thread's pages used lately (at least 6 MiB);
 * past that, empty segments are unmapped and the longest runs of free slices decommitted
 * (MADV_DONTNEED) down to half of it (purge.c); up to 4 empty segments per thread are kept.
 * Blocks freed into an arena stay resident while the free pages of all arenas are no more than
 * 64 MiB or the bytes of arena blocks in use, whichever is more, beyond that the longest-free are
 * decommitted (MADV_DONTNEED); so are free pages that stayed unused through a whole second
 * (arena.c's DECAY_NS). An arena with no block is unmapped, except one kept for reuse. Huge
 * blocks are unmapped when freed, except up to 4 mappings (32 MiB) kept for reuse. */
#ifndef OWN_HEAP_INTERNAL_H
#define OWN_HEAP_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <own/heap.h>

#include "core/core.h"

#define OWN_SEGMENT_SHIFT   22
#define OWN_SEGMENT_SIZE    ((size_t)1 << OWN_SEGMENT_SHIFT)
#define OWN_SLICE_SHIFT     16
#define OWN_SLICE_SIZE      ((size_t)1 << OWN_SLICE_SHIFT)
#define OWN_SLICES          (OWN_SEGMENT_SIZE / OWN_SLICE_SIZE) /* 64, slice 0 is the header */
#define OWN_MAX_PAGE_SLICES 32

#define OWN_SMALL_MAX    1024 /* sizes served through the direct lookup tables */
#define OWN_DIRECT_SIZES (OWN_SMALL_MAX / 8 + 1)
#define OWN_LARGE_MAX    (256u * 1024u) /* largest size class; bigger blocks are huge */
#define OWN_HUGE_HEADER  4096u          /* a huge block starts this far into its mapping */

/* The free slices a thread keeps committed (purge.c): a quarter of the most slices its pages used
 * in the last one or two windows of OWN_PEAK_WINDOW pages given back, and at least 96 (6 MiB). */
#define OWN_DIRTY_SLICES_FLOOR 96
#define OWN_DIRTY_SHARE        4
#define OWN_PEAK_WINDOW        4096
/* Empty segments a thread keeps for reuse, committed or not. */
#define OWN_EMPTY_SEGMENTS_MAX 4

enum own_segment_kind {
    OWN_SEGMENT_SMALL = 0x5e6a11,
    OWN_SEGMENT_HUGE = 0x5e6b16,
    OWN_SEGMENT_ARENA = 0x5e6a7e
};

typedef struct own_block {
    struct own_block *next;
} own_block;

struct own_heap;

/* A page descriptor: one cache line, the fields the fast paths of malloc and free touch first.
 * A block's index in its page is rotr((p - page start) * block_inverse, block_shift): the inverse
 * of block_size's odd factor undoes the multiplication exactly for a block start, and for any
 * other offset gives a number far above any count of blocks (a divisibility test by
 * multiplication, Hacker's Delight 10-16), so one compare with `capacity` proves p is the start of
 * a block this page has handed out at some time. */
typedef struct __attribute__((aligned(64))) own_page {
    own_block *free;                 /* local free list: owner thread only */
    _Atomic(struct own_heap *) heap; /* owning heap; NULL while its thread is gone */
    uint64_t block_inverse;          /* inverse of block_size's odd factor, modulo 2^64 */
    /* Blocks handed out, counting uncollected remote frees, and OWN_PAGE_IN_FULL; written by the
     * owner thread only. */
    _Atomic uint16_t used;
    _Atomic uint16_t capacity; /* blocks carved so far; 0 when the slice starts no page in use */
    uint16_t descriptor_back;  /* bytes from the page's first descriptor to this slice's */
    uint8_t block_shift;       /* block_size = odd factor << block_shift */
    uint8_t class_index;
    uint32_t block_size;           /* 0 when the slice is not the start of a page in use */
    uint16_t reserved;             /* blocks that fit in the page */
    uint8_t slice_count;           /* slices in this page */
    _Atomic uintptr_t thread_free; /* blocks freed by other threads: see own__remote_top */
    struct own_page *next, *prev;  /* in the owner's queue for this class */
} own_page;
_Static_assert(sizeof(own_page) == 64, "a page descriptor is one cache line");

/* A page's thread_free word: the top of a stack of blocks other threads freed in its low 48 bits
 * (own's memory lies below 2^48: the segment map covers no more) and how many blocks the stack
 * holds in the high 16 (a page holds at most 8192). One CAS pushes a block and counts it, so the
 * owner takes the whole stack without walking it. */
#define OWN_REMOTE_COUNT_SHIFT 48
#define OWN_REMOTE_ONE         ((uintptr_t)1 << OWN_REMOTE_COUNT_SHIFT)

static inline own_block *own__remote_top(uintptr_t word)
{
    return (own_block *)(word & (OWN_REMOTE_ONE - 1));
}

static inline unsigned own__remote_count(uintptr_t word)
{
    return (unsigned)(word >> OWN_REMOTE_COUNT_SHIFT);
}

/* The top bit of `used`: the page is in the full queue (had no free block when last looked).
 * A page holds at most 8192 blocks, so the count never reaches it, and free's fast path tests
 * "now empty" and "was full" with one compare. */
#define OWN_PAGE_IN_FULL 0x8000u

static inline unsigned own__page_used(own_page *page)
{
    return atomic_load_explicit(&page->used, memory_order_relaxed) & ~OWN_PAGE_IN_FULL;
}

static inline bool own__page_in_full(own_page *page)
{
    return atomic_load_explicit(&page->used, memory_order_relaxed) & OWN_PAGE_IN_FULL;
}

static inline void own__page_set_in_full(own_page *page, bool in_full)
{
    unsigned used = own__page_used(page) | (in_full ? OWN_PAGE_IN_FULL : 0);
    atomic_store_explicit(&page->used, (uint16_t)used, memory_order_relaxed);
}

typedef struct own_segment {
    uint32_t kind;             /* enum own_segment_kind */
    uint32_t committed_slices; /* small: slices not decommitted (for statistics) */
    size_t mapped_size;        /* bytes of the mapping */
    uint8_t *huge_block;       /* huge: the block */
    struct own_heap *heap;     /* small: the owning heap, NULL when abandoned */
    uint64_t free_slices;      /* small: bit i set when slice i is free */
    uint64_t dirty_slices;     /* small: free slices still committed */
    uint32_t pages_in_use;
    atomic_flag lock;                /* guards page descriptors against the statistics walk */
    struct own_segment *next, *prev; /* the heap's list, the abandoned list or the huge cache */
    struct own_segment *all_next, *all_prev; /* every segment of the process, for statistics */
    own_page pages[OWN_SLICES];              /* small only: a huge header ends before them */
} own_segment;

/* A queue of pages of one size class (doubly linked, `first` is where allocation looks). */
typedef struct own_page_queue {
    own_page *first, *last;
} own_page_queue;

typedef struct own_heap {
    own_page *direct[OWN_DIRECT_SIZES];  /* by (size + 7) / 8: current[] of that size's class */
    own_page *current[OWN_SIZE_CLASSES]; /* page to allocate from, per class; never NULL */
    own_page_queue pages[OWN_SIZE_CLASSES];
    own_page_queue full[OWN_SIZE_CLASSES];
    own_segment *segments;       /* small segments owned by this heap, with a page in use */
    own_segment *empty_segments; /* and without, kept for reuse (purge.c), latest first */
    uint32_t empty_count;
    uint32_t used_slices;                 /* slices of its pages in use */
    uint32_t used_peak, used_peak_before; /* most used_slices in this and the last window */
    uint32_t page_operations;             /* pages given back so far, for the windows */
    uint32_t dirty_slices;                /* free but committed slices over all segments */
    _Atomic uint32_t remote_frees;        /* hint: other threads freed into full pages */
    struct own_heap *pool_next;           /* free heap structures */
    struct own_heap *all_next;            /* every live heap (fork) */
    bool live;
} own_heap;

/* ---- Size classes (size_class.c) ---------------------------------------------------------- */
own_internal extern const uint8_t own__small_class[OWN_DIRECT_SIZES];
own_internal extern uint32_t own__class_size[OWN_SIZE_CLASSES];
own_internal extern uint8_t own__class_slices[OWN_SIZE_CLASSES];
own_internal extern unsigned own__class_count;
own_internal unsigned own__size_class(size_t size); /* size <= OWN_LARGE_MAX */
own_internal void own__size_classes_init(void);

/* Classes 1..9 are 8, 16, 32, 48 ... 128; then four classes per power of two. */
#define OWN_FIRST_STEPPED_CLASS 10

/* The class of a size over 128 bytes: inline, as the class of a size over OWN_SMALL_MAX is
 * computed on every allocation of it. */
static inline unsigned own__stepped_class(size_t size)
{
    size_t s = size - 1;
    unsigned bit = 63u - (unsigned)__builtin_clzll(s);
    return OWN_FIRST_STEPPED_CLASS + (bit - 7) * 4 + (unsigned)((s >> (bit - 2)) & 3);
}

static inline unsigned own__class_of(size_t size)
{
    if (own_likely(size <= OWN_SMALL_MAX)) return own__small_class[(size + 7) >> 3];
    return own__stepped_class(size);
}

/* ---- Segments (segment.c) ----------------------------------------------------------------- */
own_internal extern _Atomic(uint8_t *) own__segment_map;
/* The slots own__segment_map covers: 0 until it exists, so one compare stands for both tests. */
own_internal extern _Atomic uintptr_t own__segment_map_slots;
/* The mark of a 4 MiB slot. A small segment's start has a mark of its own, so free's fast path
 * knows the kind of a segment without reading its header. */
#define OWN_MAP_SMALL 1 /* the slot holds the start of a small segment */
#define OWN_MAP_REST  2 /* the slot is inside a huge segment or arena that starts lower */
#define OWN_MAP_BIG   3 /* the slot holds the start of a huge segment or an arena */
#define OWN_MAP_SLOTS ((uintptr_t)1 << (48 - OWN_SEGMENT_SHIFT))
_Static_assert(OWN__SLOT_SHIFT == OWN_SEGMENT_SHIFT, "own/heap.h's copy of the map has its slots");

/* The mark of p's slot: 0 when p is not in memory own mapped. */
static inline unsigned own__map_mark(const void *p)
{
    uintptr_t slot = (uintptr_t)p >> OWN_SEGMENT_SHIFT;
    if (own_unlikely(slot >= atomic_load_explicit(&own__segment_map_slots, memory_order_acquire)))
        return 0;
    uint8_t *map = atomic_load_explicit(&own__segment_map, memory_order_relaxed);
    return __atomic_load_n(&map[slot], __ATOMIC_RELAXED);
}

static inline own_segment *own__segment_at(const void *p)
{
    return (own_segment *)((uintptr_t)p & ~(OWN_SEGMENT_SIZE - 1));
}

/* The segment holding p, or NULL when p is not in memory own handed out. */
static inline own_segment *own__segment_of(const void *p)
{
    unsigned mark = own__map_mark(p);
    if (own_likely(mark == OWN_MAP_SMALL || mark == OWN_MAP_BIG)) return own__segment_at(p);
    if (mark != OWN_MAP_REST) return NULL;
    uint8_t *map = atomic_load_explicit(&own__segment_map, memory_order_relaxed);
    uintptr_t slot = (uintptr_t)p >> OWN_SEGMENT_SHIFT;
    while (__atomic_load_n(&map[--slot], __ATOMIC_RELAXED) == OWN_MAP_REST) {
    }
    return (own_segment *)(slot << OWN_SEGMENT_SHIFT);
}

own_internal bool own__segment_map_init(void);
/* Marks the slots of [start, start + size): `first` for the first (OWN_MAP_SMALL or OWN_MAP_BIG),
 * OWN_MAP_REST for the others; or 0 for all of them when `first` is 0. */
own_internal void own__segment_map_mark(const void *start, size_t size, unsigned first);
own_internal void own__segment_track(own_segment *segment); /* into the all-segments list */
own_internal void own__segment_untrack(own_segment *segment);
own_internal extern pthread_mutex_t own__segments_lock; /* guards the all-segments list */
own_internal extern own_segment *own__all_segments;

/* A page of `slices` slices for `heap` from its segments, or a new one (`new_segment`), or NULL;
 * `fill`: made resident at once, for a page its class will carve to the end. */
own_internal own_page *own__span_alloc(own_heap *heap, unsigned slices, bool fill,
                                       bool new_segment);
own_internal void own__span_free(own_heap *heap, own_page *page);
own_internal void own__segment_release(own_segment *segment);
own_internal void own__segment_list_push(own_segment **list, own_segment *segment);
own_internal void own__segment_list_remove(own_segment **list, own_segment *segment);
own_internal uint64_t own__run_mask(unsigned first, unsigned count);

/* Giving memory back (purge.c). */
own_internal void own__empty_segment_keep(own_heap *heap, own_segment *segment);
own_internal own_segment *own__empty_segment_take(own_heap *heap); /* the latest, or NULL */
own_internal void own__heap_dirty_check(own_heap *heap);           /* after slices were freed */
own_internal void own__heap_purge(own_heap *heap);                 /* gives back every free slice */

static inline void own__segment_lock(own_segment *s)
{
    while (atomic_flag_test_and_set_explicit(&s->lock, memory_order_acquire)) {
    }
}
static inline void own__segment_unlock(own_segment *s)
{
    atomic_flag_clear_explicit(&s->lock, memory_order_release);
}

/* ---- Pages (page.c) ----------------------------------------------------------------------- */
own_internal extern own_page own__empty_page;
own_internal void own__page_init(own_page *page, unsigned class_index);
own_internal void own__page_extend(own_page *page);
own_internal void own__page_collect(own_page *page);

/* Whether the page has blocks not carved yet. */
static inline bool own__page_can_extend(own_page *page)
{
    return atomic_load_explicit(&page->capacity, memory_order_relaxed) < page->reserved;
}
own_internal void own__queue_push_front(own_page_queue *q, own_page *page);
own_internal void own__queue_remove(own_page_queue *q, own_page *page);

/* The descriptor of p's slice: a shift and a mask, as descriptors are 64 bytes for 64 KiB. */
static inline own_page *own__slice_of(own_segment *segment, const void *p)
{
    uintptr_t at = ((uintptr_t)p >> (OWN_SLICE_SHIFT - 6)) & ((OWN_SLICES - 1) << 6);
    return (own_page *)((uint8_t *)segment->pages + at);
}

/* The page whose slices hold p (p in a small segment). */
static inline own_page *own__page_of(own_segment *segment, const void *p)
{
    own_page *slice = own__slice_of(segment, p);
    return (own_page *)((uint8_t *)slice - slice->descriptor_back);
}

/* The first byte of a page, where its first block starts. */
static inline uint8_t *own__page_start(own_page *page)
{
    own_segment *segment = own__segment_at(page);
    return (uint8_t *)segment + ((size_t)(page - segment->pages) << OWN_SLICE_SHIFT);
}

/* The page that holds p (in a small segment) as the start of a block, or NULL: the divisibility
 * test of own_page's comment, the range of the page's blocks in the same compare. A slice that
 * starts no page in use has `capacity` 0; a stale descriptor_back of a free slice leads to a page
 * whose blocks all lie below p, out of range. Other threads free blocks while the owner carves
 * more: `capacity` only grows while the page is in use, so it never rejects a block handed out. */
static inline own_page *own__block_page(own_segment *segment, const void *p)
{
    own_page *slice = own__slice_of(segment, p);
    uintptr_t back = slice->descriptor_back;
    own_page *page = (own_page *)((uint8_t *)slice - back);
    /* 64-byte descriptors for 64 KiB slices: bytes back times 1024 are bytes into the page. */
    uint64_t in_page = ((uintptr_t)p & (OWN_SLICE_SIZE - 1)) + (back << (OWN_SLICE_SHIFT - 6));
    uint64_t scaled = in_page * page->block_inverse;
    unsigned shift = page->block_shift;
    uint64_t index = (scaled >> shift) | (scaled << ((64 - shift) & 63));
    if (own_unlikely(index >= atomic_load_explicit(&page->capacity, memory_order_relaxed)))
        return NULL;
    return page;
}

/* ---- Thread heaps (thread_heap.c) --------------------------------------------------------- */
own_internal extern own_heap own__empty_heap;
own_internal extern __thread own_heap *own__thread_heap;
own_internal own_heap *own__heap_start(void); /* the calling thread's heap, created on first use */
own_internal bool own__adopt_abandoned(own_heap *heap);

/* ---- Allocation paths ---------------------------------------------------------------------- */
own_internal void *own__malloc_slow(own_heap *heap, size_t size);
own_internal void *own__malloc_class(own_heap *heap, unsigned class_index); /* any path */
own_internal void own__page_free_local(own_heap *heap, own_page *page, own_block *block);
own_internal void own__report_invalid_free(const void *p, const char *what, const void *caller);

/* Frees p on behalf of the code at `caller` (named in reports). */
own_internal void own__free_at(void *p, const void *caller);
/* Frees p, which the caller knows to be the start of a live block own gave out (small, arena or
 * huge): a small block skips the checks of own_free. Anything else is undefined. */
own_internal void own__free_known(void *p);

/* Huge blocks (huge.c): huge_block is the block, pages_in_use 1 while it is allocated. */
own_internal void *own__huge_alloc(size_t size, size_t alignment, bool zero);
own_internal void own__huge_free(own_segment *segment);
own_internal void *own__huge_realloc(own_segment *segment, size_t size);
own_internal size_t own__huge_usable(const own_segment *segment);
own_internal void own__huge_cache_lock(bool lock); /* for fork */
own_internal void own__huge_trim(void);            /* unmaps the cached mappings */

/* Arena blocks (arena.c): blocks over OWN_LARGE_MAX up to OWN_ARENA_BLOCK_MAX, page-aligned. */
#define OWN_ARENA_BLOCK_MAX   ((size_t)16 << 20)
#define OWN_ARENA_DIRTY_FLOOR ((size_t)64 << 20) /* free resident pages kept at least */
typedef enum own_arena_result {
    OWN_ARENA_OK,
    OWN_ARENA_NOT_A_BLOCK,  /* not the start of a block: report invalid-handle */
    OWN_ARENA_FREED_BEFORE, /* the start of a freed block: report double-free */
} own_arena_result;
own_internal void *own__arena_alloc(size_t size, bool zero);
own_internal own_arena_result own__arena_free(own_segment *arena, void *p);
own_internal size_t own__arena_usable(own_segment *arena, const void *p);      /* 0: not a block */
own_internal bool own__arena_resize(own_segment *arena, void *p, size_t size); /* in place */
own_internal void own__arena_count(own_segment *arena, size_t *blocks, size_t *bytes);
own_internal void own__arena_trim(void);      /* decommits free pages, unmaps the spare */
own_internal void own__arena_lock(bool lock); /* for fork */

/* Committed bytes (statistics), changed on slow paths only. */
own_internal void own__committed_add(ptrdiff_t bytes);

/* Usable size of a block own handed out, 0 and a report when it is not one. */
own_internal size_t own__usable_size(const void *p, const void *caller);

#endif
