/* segment.c: 4 MiB segments — the map that recognises own's memory, and the runs of 64 KiB slices
 * ("pages") that a thread's heap takes from its segments and gives back. Only the owning thread
 * takes or gives slices; the segment lock only keeps the statistics walk off half-written
 * descriptors. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "heap/heap.h"
#include "os/os.h"

_Atomic(uint8_t *) own__segment_map;
_Atomic uintptr_t own__segment_map_slots;
struct own__address_map own__address_map;
pthread_mutex_t own__segments_lock = PTHREAD_MUTEX_INITIALIZER;
own_segment *own__all_segments;

/* One byte per 4 MiB of a 48-bit address space: 64 MiB reserved, a few pages ever touched. */
#define MAP_BYTES ((size_t)1 << (48 - OWN_SEGMENT_SHIFT))

bool own__segment_map_init(void)
{
    if (!atomic_load(&own__segment_map)) {
        uint8_t *map = own__os_map_aligned(MAP_BYTES, OWN_OS_PAGE);
        if (!map) return false;
        uint8_t *expected = NULL;
        if (!atomic_compare_exchange_strong(&own__segment_map, &expected, map))
            own__os_unmap(map, MAP_BYTES);
    }
    /* After the map: a reader that sees the slots sees the map. */
    atomic_store_explicit(&own__segment_map_slots, OWN_MAP_SLOTS, memory_order_release);
    atomic_store_explicit(&own__address_map.bytes, atomic_load(&own__segment_map),
                          memory_order_relaxed);
    atomic_store_explicit(&own__address_map.slots, OWN_MAP_SLOTS, memory_order_release);
    return true;
}

void own__segment_map_mark(const void *start, size_t size, unsigned first_mark)
{
    uint8_t *map = atomic_load(&own__segment_map);
    uintptr_t first = (uintptr_t)start >> OWN_SEGMENT_SHIFT;
    uintptr_t last = ((uintptr_t)start + size - 1) >> OWN_SEGMENT_SHIFT;
    for (uintptr_t slot = first; slot <= last; slot++)
        __atomic_store_n(&map[slot],
                         (uint8_t)(!first_mark     ? 0
                                   : slot == first ? first_mark
                                                   : OWN_MAP_REST),
                         __ATOMIC_RELEASE);
}

void own__segment_track(own_segment *segment)
{
    pthread_mutex_lock(&own__segments_lock);
    segment->all_prev = NULL;
    segment->all_next = own__all_segments;
    if (own__all_segments) own__all_segments->all_prev = segment;
    own__all_segments = segment;
    pthread_mutex_unlock(&own__segments_lock);
}

void own__segment_untrack(own_segment *segment)
{
    pthread_mutex_lock(&own__segments_lock);
    if (segment->all_prev)
        segment->all_prev->all_next = segment->all_next;
    else
        own__all_segments = segment->all_next;
    if (segment->all_next) segment->all_next->all_prev = segment->all_prev;
    pthread_mutex_unlock(&own__segments_lock);
}

/* The part of slice 0 the header touches. */
#define SEGMENT_HEADER_BYTES ((sizeof(own_segment) + OWN_OS_PAGE - 1) & ~(size_t)(OWN_OS_PAGE - 1))

static own_segment *segment_create(own_heap *heap)
{
    own_segment *segment = own__os_map_aligned(OWN_SEGMENT_SIZE, OWN_SEGMENT_SIZE);
    if (!segment) return NULL;
    /* Fresh memory is zero: only the fields that are not start as zero are set. */
    segment->kind = OWN_SEGMENT_SMALL;
    segment->mapped_size = OWN_SEGMENT_SIZE;
    segment->heap = heap;
    segment->free_slices = ~(uint64_t)1; /* slice 0 holds this header */
    segment->committed_slices = 0;
    own__committed_add((ptrdiff_t)SEGMENT_HEADER_BYTES);
    atomic_flag_clear(&segment->lock);
    own__segment_map_mark(segment, OWN_SEGMENT_SIZE, OWN_MAP_SMALL);
    own__segment_track(segment);
    return segment;
}

void own__segment_release(own_segment *segment)
{
    if (segment->kind == OWN_SEGMENT_SMALL)
        own__committed_add(-(ptrdiff_t)(SEGMENT_HEADER_BYTES +
                                        ((size_t)segment->committed_slices << OWN_SLICE_SHIFT)));
    own__segment_untrack(segment);
    own__segment_map_mark(segment, segment->mapped_size, 0);
    own__os_unmap(segment, segment->mapped_size);
}

void own__segment_list_push(own_segment **list, own_segment *segment)
{
    segment->prev = NULL;
    segment->next = *list;
    if (*list) (*list)->prev = segment;
    *list = segment;
}

void own__segment_list_remove(own_segment **list, own_segment *segment)
{
    if (segment->prev)
        segment->prev->next = segment->next;
    else
        *list = segment->next;
    if (segment->next) segment->next->prev = segment->prev;
    segment->next = segment->prev = NULL;
}

uint64_t own__run_mask(unsigned first, unsigned count)
{
    return (count == 64 ? ~(uint64_t)0 : (((uint64_t)1 << count) - 1)) << first;
}

/* The first run of `count` slices set in `slices`, as a bit mask, or 0. */
static uint64_t find_run(uint64_t slices, unsigned count)
{
    if ((unsigned)__builtin_popcountll(slices) < count) return 0;
    uint64_t starts = slices;
    for (unsigned i = 1; i < count && starts; i++)
        starts &= slices >> i;
    if (!starts) return 0;
    unsigned first = (unsigned)__builtin_ctzll(starts);
    return own__run_mask(first, count);
}

/* Makes the slices of `fresh` resident at once, a call per run of them: one system call instead of
 * a page fault per 4 KiB. Under a hypervisor's shadow paging a fault costs tens of microseconds,
 * most of a workload's time when it takes fresh pages (bench/heap's fragment: 26 000 faults). A
 * kernel without MADV_POPULATE_WRITE (before Linux 5.14) says EINVAL: the pages fault in as
 * before. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
static void populate(own_segment *segment, uint64_t fresh)
{
    while (fresh) {
        unsigned first = (unsigned)__builtin_ctzll(fresh);
        uint64_t clear_above = ~(fresh >> first);
        unsigned count = clear_above ? (unsigned)__builtin_ctzll(clear_above) : 64 - first;
        madvise((char *)segment + ((size_t)first << OWN_SLICE_SHIFT),
                (size_t)count << OWN_SLICE_SHIFT, MADV_POPULATE_WRITE);
        fresh &= ~own__run_mask(first, count);
    }
}

static own_page *take_run(own_heap *heap, own_segment *segment, uint64_t run, bool fill)
{
    unsigned first = (unsigned)__builtin_ctzll(run);
    unsigned count = (unsigned)__builtin_popcountll(run);
    if (fill) populate(segment, run & ~segment->dirty_slices);
    own__segment_lock(segment);
    uint32_t was_dirty = (uint32_t)__builtin_popcountll(segment->dirty_slices & run);
    heap->dirty_slices -= was_dirty;
    segment->committed_slices += count - was_dirty;
    own__committed_add((ptrdiff_t)((size_t)(count - was_dirty) << OWN_SLICE_SHIFT));
    segment->free_slices &= ~run;
    segment->dirty_slices &= ~run;
    segment->pages_in_use++;
    own_page *page = &segment->pages[first];
    page->slice_count = (uint8_t)count;
    page->descriptor_back = 0;
    for (unsigned i = 1; i < count; i++) {
        segment->pages[first + i].descriptor_back = (uint16_t)(i * sizeof(own_page));
        segment->pages[first + i].block_size = 0;
        atomic_store_explicit(&segment->pages[first + i].capacity, 0, memory_order_relaxed);
    }
    heap->used_slices += count;
    own__segment_unlock(segment);
    return page;
}

/* The starts of the runs of `count` slices set in `slices`, as bits. */
static uint64_t run_starts(uint64_t slices, unsigned count)
{
    uint64_t starts = slices;
    for (unsigned i = 1; i < count && starts; i++)
        starts &= slices >> i;
    return starts;
}

/* How good a place for a page the run at `first` is: its committed slices first (each one spares
 * 16 page faults), then how snugly it fits between slices in use (so the long free runs stay for
 * the big pages). */
static unsigned run_score(const own_segment *s, unsigned first, unsigned count)
{
    uint64_t run = own__run_mask(first, count);
    unsigned dirty = (unsigned)__builtin_popcountll(s->dirty_slices & run);
    unsigned last = first + count; /* the slice after the run */
    unsigned free_neighbours = (last < OWN_SLICES && (s->free_slices >> last & 1)) +
                               (first > 0 && (s->free_slices >> (first - 1) & 1));
    return dirty * 4 + 2 - free_neighbours;
}

/* Takes the run of `slices` at `first` of s, a segment in use or (from_empty) an empty one kept. */
static own_page *take_run_of(own_heap *heap, own_segment *s, bool from_empty, unsigned first,
                             unsigned slices, bool fill)
{
    if (from_empty) {
        own__segment_list_remove(&heap->empty_segments, s);
        heap->empty_count--;
        own__segment_list_push(&heap->segments, s);
    }
    return take_run(heap, s, own__run_mask(first, slices), fill);
}

/* A page of one slice takes the first committed free slice there is. A bigger page takes the run
 * that holds most committed slices, of a segment in use or an empty one kept: with pages of many
 * sizes coming and going, committed slices end up in short runs between pages in use, and a page
 * that only looked for a run wholly committed would fault in fresh slices while those stay
 * unused until purge.c decommits them. Then an empty segment kept, then (`new_segment`) a new
 * one. `fill`: the caller will carve the whole page soon, so the slices not resident are made so
 * in one call. */
own_page *own__span_alloc(own_heap *heap, unsigned slices, bool fill, bool new_segment)
{
    own_segment *lists[2] = {heap->segments, heap->empty_segments};
    if (slices == 1)
        for (int l = 0; l < 2; l++)
            for (own_segment *s = lists[l]; s; s = s->next)
                if (s->dirty_slices)
                    return take_run_of(heap, s, l == 1, (unsigned)__builtin_ctzll(s->dirty_slices),
                                       1, fill);
    own_segment *best = NULL;
    unsigned best_first = 0, best_score = 0, perfect = 4 * slices + 2;
    bool best_empty = false;
    for (int l = 0; l < 2 && best_score < perfect; l++)
        for (own_segment *s = lists[l]; s && best_score < perfect; s = s->next)
            for (uint64_t starts = run_starts(s->free_slices, slices); starts;
                 starts &= starts - 1) {
                unsigned first = (unsigned)__builtin_ctzll(starts);
                unsigned score = run_score(s, first, slices);
                if (l == 1 && score < 4 * slices) continue; /* an empty one: committed runs only */
                if (!best || score > best_score) {
                    best = s;
                    best_first = first;
                    best_score = score;
                    best_empty = l == 1;
                }
            }
    if (best) return take_run_of(heap, best, best_empty, best_first, slices, fill);
    own_segment *segment = own__empty_segment_take(heap);
    if (!segment && (!new_segment || !(segment = segment_create(heap)))) return NULL;
    own__segment_list_push(&heap->segments, segment);
    return take_run(heap, segment, find_run(segment->free_slices, slices), fill);
}

void own__span_free(own_heap *heap, own_page *page)
{
    own_segment *segment = own__segment_at(page);
    unsigned first = (unsigned)(page - segment->pages);
    uint64_t run = own__run_mask(first, page->slice_count);
    own__segment_lock(segment);
    page->block_size = 0;
    atomic_store_explicit(&page->capacity, 0, memory_order_relaxed);
    page->free = NULL;
    atomic_store_explicit(&page->heap, NULL, memory_order_relaxed);
    segment->free_slices |= run;
    segment->dirty_slices |= run;
    segment->pages_in_use--;
    own__segment_unlock(segment);
    heap->dirty_slices += page->slice_count;
    heap->used_slices -= page->slice_count;
    if (segment->pages_in_use == 0) {
        own__segment_list_remove(&heap->segments, segment);
        own__empty_segment_keep(heap, segment);
    }
    own__heap_dirty_check(heap);
}
