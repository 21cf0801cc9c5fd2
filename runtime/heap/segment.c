/* segment.c: 4 MiB segments — the map that recognises own's memory, and the runs of 64 KiB slices
 * ("pages") that a thread's heap takes from its segments and gives back. Only the owning thread
 * takes or gives slices; the segment lock only keeps the statistics walk off half-written
 * descriptors. */
#include <errno.h>
#include <string.h>

#include "heap/heap.h"
#include "os/os.h"

_Atomic(uint8_t *) own__segment_map;
pthread_mutex_t own__segments_lock = PTHREAD_MUTEX_INITIALIZER;
own_segment *own__all_segments;

/* One byte per 4 MiB of a 48-bit address space: 64 MiB reserved, a few pages ever touched. */
#define MAP_BYTES ((size_t)1 << (48 - OWN_SEGMENT_SHIFT))

bool own__segment_map_init(void)
{
    if (atomic_load(&own__segment_map)) return true;
    uint8_t *map = own__os_map_aligned(MAP_BYTES, OWN_OS_PAGE);
    if (!map) return false;
    uint8_t *expected = NULL;
    if (!atomic_compare_exchange_strong(&own__segment_map, &expected, map))
        own__os_unmap(map, MAP_BYTES);
    return true;
}

void own__segment_map_mark(const void *start, size_t size, bool present)
{
    uint8_t *map = atomic_load(&own__segment_map);
    uintptr_t first = (uintptr_t)start >> OWN_SEGMENT_SHIFT;
    uintptr_t last = ((uintptr_t)start + size - 1) >> OWN_SEGMENT_SHIFT;
    for (uintptr_t slot = first; slot <= last; slot++)
        __atomic_store_n(&map[slot], present ? (slot == first ? OWN_MAP_START : OWN_MAP_REST) : 0,
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
    own__segment_map_mark(segment, OWN_SEGMENT_SIZE, true);
    own__segment_track(segment);
    return segment;
}

void own__segment_release(own_segment *segment)
{
    if (segment->kind == OWN_SEGMENT_SMALL)
        own__committed_add(-(ptrdiff_t)(SEGMENT_HEADER_BYTES +
                                        ((size_t)segment->committed_slices << OWN_SLICE_SHIFT)));
    own__segment_untrack(segment);
    own__segment_map_mark(segment, segment->mapped_size, false);
    own__os_unmap(segment, segment->mapped_size);
}

static void heap_list_push(own_heap *heap, own_segment *segment)
{
    segment->prev = NULL;
    segment->next = heap->segments;
    if (heap->segments) heap->segments->prev = segment;
    heap->segments = segment;
}

static void heap_list_remove(own_heap *heap, own_segment *segment)
{
    if (segment->prev)
        segment->prev->next = segment->next;
    else
        heap->segments = segment->next;
    if (segment->next) segment->next->prev = segment->prev;
    segment->next = segment->prev = NULL;
}

static uint64_t run_mask(unsigned first, unsigned count)
{
    return (count == 64 ? ~(uint64_t)0 : (((uint64_t)1 << count) - 1)) << first;
}

/* The first run of `count` free slices, as a bit mask, or 0. */
static uint64_t find_run(uint64_t free, unsigned count)
{
    uint64_t starts = free;
    for (unsigned i = 1; i < count && starts; i++)
        starts &= free >> i;
    if (!starts) return 0;
    unsigned first = (unsigned)__builtin_ctzll(starts);
    return run_mask(first, count);
}

static own_page *take_run(own_heap *heap, own_segment *segment, uint64_t run)
{
    unsigned first = (unsigned)__builtin_ctzll(run);
    unsigned count = (unsigned)__builtin_popcountll(run);
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
    page->slice_offset = 0;
    for (unsigned i = 1; i < count; i++) {
        segment->pages[first + i].slice_offset = (uint8_t)i;
        segment->pages[first + i].block_size = 0;
    }
    own__segment_unlock(segment);
    return page;
}

own_page *own__span_alloc(own_heap *heap, unsigned slices)
{
    for (own_segment *s = heap->segments; s; s = s->next) {
        if ((unsigned)__builtin_popcountll(s->free_slices) < slices) continue;
        uint64_t run = find_run(s->free_slices, slices);
        if (run) return take_run(heap, s, run);
    }
    own_segment *segment = heap->spare_segment;
    if (segment)
        heap->spare_segment = NULL;
    else if (!(segment = segment_create(heap)))
        return NULL;
    heap_list_push(heap, segment);
    return take_run(heap, segment, find_run(segment->free_slices, slices));
}

static void purge_segment(own_segment *s)
{
    uint64_t dirty = s->dirty_slices;
    while (dirty) {
        unsigned first = (unsigned)__builtin_ctzll(dirty);
        uint64_t clean_above = ~(dirty >> first);
        unsigned count = clean_above ? (unsigned)__builtin_ctzll(clean_above) : 64 - first;
        own__os_decommit((char *)s + ((size_t)first << OWN_SLICE_SHIFT),
                         (size_t)count << OWN_SLICE_SHIFT);
        dirty &= ~run_mask(first, count);
    }
    own__segment_lock(s);
    uint32_t purged = (uint32_t)__builtin_popcountll(s->dirty_slices);
    s->committed_slices -= purged;
    own__committed_add(-(ptrdiff_t)((size_t)purged << OWN_SLICE_SHIFT));
    s->dirty_slices = 0;
    own__segment_unlock(s);
}

/* Decommits every free slice of the heap still committed: RSS falls after a peak. */
void own__heap_purge(own_heap *heap)
{
    for (own_segment *s = heap->segments; s; s = s->next)
        purge_segment(s);
    if (heap->spare_segment) purge_segment(heap->spare_segment);
    heap->dirty_slices = 0;
}

void own__span_free(own_heap *heap, own_page *page)
{
    own_segment *segment = (own_segment *)((uintptr_t)page & ~(OWN_SEGMENT_SIZE - 1));
    unsigned first = (unsigned)(page - segment->pages);
    uint64_t run = run_mask(first, page->slice_count);
    own__segment_lock(segment);
    page->block_size = 0;
    page->free = NULL;
    atomic_store_explicit(&page->heap, NULL, memory_order_relaxed);
    segment->free_slices |= run;
    segment->dirty_slices |= run;
    segment->pages_in_use--;
    own__segment_unlock(segment);
    heap->dirty_slices += page->slice_count;
    if (segment->pages_in_use == 0) {
        heap_list_remove(heap, segment);
        if (!heap->spare_segment) {
            heap->spare_segment = segment;
        } else {
            heap->dirty_slices -= (uint32_t)__builtin_popcountll(segment->dirty_slices);
            own__segment_release(segment);
        }
    }
    if (heap->dirty_slices > OWN_DIRTY_SLICES_LIMIT) own__heap_purge(heap);
}
