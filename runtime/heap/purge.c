/* purge.c: how a thread gives the memory of its small segments back — the policy of the README's
 * "Giving memory back". Free slices stay committed ("dirty") for the pages to come, up to a limit
 * that follows the thread's heap: a quarter of the most slices its pages used lately (in the last
 * one or two windows of OWN_PEAK_WINDOW pages given back), at least 6 MiB. Past the limit the
 * thread gives back down to half of it, so that it does not do so again at the next page freed:
 * first the empty segments it keeps (unmapped, oldest first), then the longest runs of free
 * slices (MADV_DONTNEED). Up to OWN_EMPTY_SEGMENTS_MAX empty segments are kept for reuse.
 *
 * Why so few calls: each system call that drops pages flushes the TLB, which under a hypervisor
 * costs as much as dozens of page faults; and a slice decommitted and needed again costs a fault
 * per 4 KiB. Decommitting all free slices at every 4 MiB, as this heap once did, spent most of a
 * workload's time in the kernel, on memory it took back moments later or was about to unmap. */
#include "heap/heap.h"
#include "os/os.h"

static uint32_t dirty_of(const own_segment *s)
{
    return (uint32_t)__builtin_popcountll(s->dirty_slices);
}

/* Decommits a run of dirty slices; returns its length. */
static uint32_t decommit_run(own_segment *s, uint64_t run)
{
    unsigned first = (unsigned)__builtin_ctzll(run);
    uint32_t count = (uint32_t)__builtin_popcountll(run);
    own__os_decommit((char *)s + ((size_t)first << OWN_SLICE_SHIFT),
                     (size_t)count << OWN_SLICE_SHIFT);
    own__segment_lock(s);
    s->committed_slices -= count;
    s->dirty_slices &= ~run;
    own__segment_unlock(s);
    own__committed_add(-(ptrdiff_t)((size_t)count << OWN_SLICE_SHIFT));
    return count;
}

static own_segment *oldest_empty(own_heap *heap)
{
    own_segment *s = heap->empty_segments;
    while (s && s->next)
        s = s->next;
    return s;
}

static void release_empty(own_heap *heap, own_segment *s)
{
    own__segment_list_remove(&heap->empty_segments, s);
    heap->empty_count--;
    heap->dirty_slices -= dirty_of(s);
    own__segment_release(s);
}

void own__empty_segment_keep(own_heap *heap, own_segment *segment)
{
    own__segment_list_push(&heap->empty_segments, segment);
    if (++heap->empty_count > OWN_EMPTY_SEGMENTS_MAX) release_empty(heap, oldest_empty(heap));
}

own_segment *own__empty_segment_take(own_heap *heap)
{
    own_segment *s = heap->empty_segments;
    if (s) {
        own__segment_list_remove(&heap->empty_segments, s);
        heap->empty_count--;
    }
    return s;
}

/* The longest run of dirty slices of the segments in use, as a mask (0: none): it gives back the
 * most for one call. */
static uint64_t longest_dirty_run(own_heap *heap, own_segment **where)
{
    uint64_t longest = 0;
    unsigned longest_count = 0;
    for (own_segment *s = heap->segments; s; s = s->next) {
        uint64_t dirty = s->dirty_slices;
        while (dirty) {
            unsigned first = (unsigned)__builtin_ctzll(dirty);
            uint64_t clean_above = ~(dirty >> first);
            unsigned count = clean_above ? (unsigned)__builtin_ctzll(clean_above) : 64 - first;
            uint64_t run = own__run_mask(first, count);
            if (count > longest_count) {
                longest = run;
                longest_count = count;
                *where = s;
            }
            dirty &= ~run;
        }
    }
    return longest;
}

static void give_back_down_to(own_heap *heap, uint32_t target)
{
    own_segment *s;
    while (heap->dirty_slices > target && (s = oldest_empty(heap)))
        release_empty(heap, s);
    uint64_t run;
    while (heap->dirty_slices > target && (run = longest_dirty_run(heap, &s)))
        heap->dirty_slices -= decommit_run(s, run);
}

/* The most slices the thread's pages used in the last one or two windows of page operations: a
 * program that frees all it has (at exit, after a phase) does not give back slice by slice what
 * its segments, once empty, give back whole. */
static uint32_t recent_peak(own_heap *heap)
{
    if (heap->used_slices > heap->used_peak) heap->used_peak = heap->used_slices;
    if (++heap->page_operations % OWN_PEAK_WINDOW == 0) {
        heap->used_peak_before = heap->used_peak;
        heap->used_peak = heap->used_slices;
    }
    return heap->used_peak > heap->used_peak_before ? heap->used_peak : heap->used_peak_before;
}

void own__heap_dirty_check(own_heap *heap)
{
    uint32_t limit = recent_peak(heap) / OWN_DIRTY_SHARE;
    if (limit < OWN_DIRTY_SLICES_FLOOR) limit = OWN_DIRTY_SLICES_FLOOR;
    if (heap->dirty_slices > limit) give_back_down_to(heap, limit / 2);
}

/* own_heap_trim: every empty segment and every free slice. */
void own__heap_purge(own_heap *heap)
{
    give_back_down_to(heap, 0);
}
