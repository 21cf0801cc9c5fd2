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
 * the run's first descriptor with `slice_offset`. The owner tag and borrow word of the ownership
 * layer live in a small header inside the block, so plain malloc pays nothing for them.
 *
 * Giving memory back (the policy the README documents): a page whose last block is freed returns
 * its slices to its segment, except the one page a size class allocates from; free slices stay
 * committed until the thread holds more than 4 MiB of them, then all of them are decommitted
 * (MADV_DONTNEED); a segment with no page in use is unmapped, except one per thread kept for reuse.
 * Blocks freed into an arena stay resident while the free pages of all arenas are no more than
 * 64 MiB or the bytes of arena blocks in use, whichever is more, beyond that the longest-free are
 * decommitted (MADV_DONTNEED); so are free pages that stayed unused through 1024 allocations and
 * frees of arena blocks. An arena with no block is unmapped, except one kept for reuse. Huge
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

#define OWN_SMALL_MAX   1024           /* sizes served through the direct lookup table */
#define OWN_LARGE_MAX   (256u * 1024u) /* largest size class; bigger blocks are huge */
#define OWN_HUGE_HEADER 4096u          /* a huge block starts this far into its mapping */

/* Decommit the thread's free slices when more than this many of them are committed. */
#define OWN_DIRTY_SLICES_LIMIT 64

enum own_segment_kind {
    OWN_SEGMENT_SMALL = 0x5e6a11,
    OWN_SEGMENT_HUGE = 0x5e6b16,
    OWN_SEGMENT_ARENA = 0x5e6a7e
};

typedef struct own_block {
    struct own_block *next;
} own_block;

struct own_heap;

typedef struct own_page {
    own_block *free;                 /* local free list: owner thread only */
    _Atomic uint32_t used;           /* blocks handed out, counting uncollected remote frees */
    uint32_t capacity;               /* blocks carved from the page so far */
    uint32_t reserved;               /* blocks that fit in the page */
    uint32_t block_size;             /* 0 when the slice is not the start of a page in use */
    uint64_t block_divisor;          /* ceil(2^40 / block_size): offset -> block index */
    uint8_t *start;                  /* first block */
    _Atomic(struct own_heap *) heap; /* owning heap; NULL while its thread is gone */
    _Atomic uintptr_t thread_free;   /* blocks freed by other threads (a stack) */
    struct own_page *next, *prev;    /* in the owner's queue for this class */
    uint8_t class_index;
    uint8_t slice_count;  /* slices in this page */
    uint8_t slice_offset; /* for slices inside a page: distance to its first slice */
    uint8_t in_full;      /* in the full queue: no free block when last looked */
} own_page;

typedef struct own_segment {
    uint32_t kind;             /* enum own_segment_kind */
    uint32_t committed_slices; /* small: slices not decommitted (for statistics) */
    size_t mapped_size;        /* bytes of the mapping */
    struct own_heap *heap;     /* small: the owning heap, NULL when abandoned */
    uint64_t free_slices;      /* small: bit i set when slice i is free */
    uint64_t dirty_slices;     /* small: free slices still committed */
    uint32_t pages_in_use;
    atomic_flag lock;                /* guards page descriptors against the statistics walk */
    struct own_segment *next, *prev; /* the heap's list, the abandoned list or the huge cache */
    struct own_segment *all_next, *all_prev; /* every segment of the process, for statistics */
    own_page pages[OWN_SLICES];              /* huge: only pages[0] is used */
} own_segment;

/* A queue of pages of one size class (doubly linked, `first` is where allocation looks). */
typedef struct own_page_queue {
    own_page *first, *last;
} own_page_queue;

typedef struct own_heap {
    own_page *direct[OWN_SIZE_CLASSES]; /* page to allocate from, per class; never NULL */
    own_page_queue pages[OWN_SIZE_CLASSES];
    own_page_queue full[OWN_SIZE_CLASSES];
    own_segment *segments;         /* small segments owned by this heap */
    own_segment *spare_segment;    /* one empty segment kept for reuse */
    uint32_t dirty_slices;         /* free but committed slices over all segments */
    _Atomic uint32_t remote_frees; /* hint: other threads freed into full pages */
    struct own_heap *pool_next;    /* free heap structures */
    struct own_heap *all_next;     /* every live heap (fork) */
    bool live;
} own_heap;

/* ---- Size classes (size_class.c) ---------------------------------------------------------- */
own_internal extern const uint8_t own__small_class[OWN_SMALL_MAX / 8 + 1];
own_internal extern uint32_t own__class_size[OWN_SIZE_CLASSES];
own_internal extern uint8_t own__class_slices[OWN_SIZE_CLASSES];
own_internal extern unsigned own__class_count;
own_internal unsigned own__size_class(size_t size); /* size <= OWN_LARGE_MAX */
own_internal void own__size_classes_init(void);

static inline unsigned own__class_of(size_t size)
{
    if (own_likely(size <= OWN_SMALL_MAX)) return own__small_class[(size + 7) >> 3];
    return own__size_class(size);
}

/* ---- Segments (segment.c) ----------------------------------------------------------------- */
own_internal extern _Atomic(uint8_t *) own__segment_map;
#define OWN_MAP_START 1 /* the slot holds the start of a segment */
#define OWN_MAP_REST  2 /* the slot is inside a huge segment that starts lower */

/* The segment holding p, or NULL when p is not in memory own handed out. */
static inline own_segment *own__segment_of(const void *p)
{
    uintptr_t slot = (uintptr_t)p >> OWN_SEGMENT_SHIFT;
    uint8_t *map = atomic_load_explicit(&own__segment_map, memory_order_relaxed);
    if (own_unlikely(!map || slot >= ((uintptr_t)1 << (48 - OWN_SEGMENT_SHIFT)))) return NULL;
    uint8_t mark = __atomic_load_n(&map[slot], __ATOMIC_RELAXED);
    if (own_likely(mark == OWN_MAP_START)) return (own_segment *)(slot << OWN_SEGMENT_SHIFT);
    if (mark != OWN_MAP_REST) return NULL;
    while (__atomic_load_n(&map[--slot], __ATOMIC_RELAXED) == OWN_MAP_REST) {
    }
    return (own_segment *)(slot << OWN_SEGMENT_SHIFT);
}

own_internal bool own__segment_map_init(void);
own_internal void own__segment_map_mark(const void *start, size_t size, bool present);
own_internal void own__segment_track(own_segment *segment); /* into the all-segments list */
own_internal void own__segment_untrack(own_segment *segment);
own_internal extern pthread_mutex_t own__segments_lock; /* guards the all-segments list */
own_internal extern own_segment *own__all_segments;

/* A page of `slices` slices for `heap`, or NULL (errno ENOMEM). */
own_internal own_page *own__span_alloc(own_heap *heap, unsigned slices);
own_internal void own__span_free(own_heap *heap, own_page *page);
own_internal void own__segment_release(own_segment *segment);
own_internal void own__heap_purge(own_heap *heap); /* decommits the heap's free slices */

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
own_internal void own__queue_push_front(own_page_queue *q, own_page *page);
own_internal void own__queue_remove(own_page_queue *q, own_page *page);

static inline own_page *own__page_of(own_segment *segment, const void *p)
{
    own_page *page = &segment->pages[((uintptr_t)p >> OWN_SLICE_SHIFT) & (OWN_SLICES - 1)];
    return page - page->slice_offset;
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

/* Huge blocks (huge.c): pages[0].start is the block, pages_in_use 1 while it is allocated. */
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
