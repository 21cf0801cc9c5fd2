/* free.c: own_free and own_malloc_usable_size. A pointer is checked before anything is written:
 * it must lie in a segment own mapped, in a page in use, at the start of a block. Anything else is
 * reported (invalid-handle, free-interior, double-free) and ignored, never a crash inside own.
 * The check of a small block costs a byte of the segment map and one page descriptor; everything
 * else is out of line, so the fast path runs without a stack frame. own__free_known skips the
 * check for callers that hold a block own gave out. */
#include <inttypes.h>

#include "heap/heap.h"

#define CALLER __builtin_extract_return_addr(__builtin_return_address(0))

void own__report_invalid_free(const void *p, const char *what, const void *caller)
{
    own_report report;
    own_site site = {.code = caller, .thread = own__thread_number()};
    if (own__map_mark(p) == OWN_MAP_SMALL) {
        /* Inside a block handed out (the start of one never handed out is no block at all). */
        own_page *page = own__page_of(own__segment_at(p), p);
        const uint8_t *start = own__page_start(page);
        size_t carved = atomic_load_explicit(&page->capacity, memory_order_relaxed);
        size_t in_page = (size_t)((const uint8_t *)p - start);
        size_t offset = page->block_size ? in_page % page->block_size : 0;
        if ((const uint8_t *)p >= start && in_page < carved * page->block_size && offset) {
            own__report_begin(&report, "free-interior",
                              "%s of %p, %zu bytes into a block of %" PRIu32 " bytes", what, p,
                              offset, page->block_size);
            own__report_at(&report, &site);
            own__report_line(&report, "   = help: pass the pointer the allocation returned");
            own__report_finish(&report);
            return;
        }
    }
    own__report_begin(&report, "invalid-handle", "%s of %p, a pointer own never gave out", what, p);
    own__report_at(&report, &site);
    own__report_line(&report, "   = help: free only what malloc, calloc, realloc or an aligned "
                              "allocation returned, once");
    own__report_finish(&report);
}

static void report_double_free(const void *p, size_t size, const void *caller)
{
    own_report report;
    own_site site = {.code = caller, .thread = own__thread_number()};
    own__report_begin(&report, "double-free", "block of %zu bytes freed twice (%p)", size, p);
    own__report_at(&report, &site);
    own__report_finish(&report);
}

static __attribute__((noinline)) void free_remote(own_page *page, own_block *block)
{
    own_assert(own__remote_top((uintptr_t)block) == block);
    uintptr_t old = atomic_load_explicit(&page->thread_free, memory_order_relaxed);
    do {
        block->next = own__remote_top(old);
    } while (!atomic_compare_exchange_weak_explicit(
        &page->thread_free, &old,
        (uintptr_t)block | ((old & ~(OWN_REMOTE_ONE - 1)) + OWN_REMOTE_ONE), memory_order_release,
        memory_order_relaxed));
    if (old) return; /* the owner was told when the stack became non-empty */
    own_heap *owner = atomic_load_explicit(&page->heap, memory_order_acquire);
    if (owner) atomic_fetch_add_explicit(&owner->remote_frees, 1, memory_order_release);
}

/* A page of the calling thread got a block back and is now empty or was full. */
static __attribute__((noinline)) void free_local_slow(own_heap *heap, own_page *page)
{
    unsigned c = page->class_index;
    if (own__page_in_full(page)) {
        own__queue_remove(&heap->full[c], page);
        own__page_set_in_full(page, false);
        own__queue_push_front(&heap->pages[c], page);
    }
    if (own__page_used(page) == 0 && page != heap->current[c]) {
        own__queue_remove(&heap->pages[c], page);
        own__span_free(heap, page);
    }
}

static void free_arena_block(own_segment *segment, void *p, const void *caller)
{
    own_arena_result result = own__arena_free(segment, p);
    if (result == OWN_ARENA_NOT_A_BLOCK)
        own__report_invalid_free(p, "free", caller);
    else if (result == OWN_ARENA_FREED_BEFORE)
        report_double_free(p, 0, caller);
}

/* Everything but the start of a block of a small page: arena and huge blocks, and pointers own
 * never gave out. Kept out of line so that free's fast path needs no stack frame. */
static __attribute__((noinline)) void free_other(void *p, const void *caller)
{
    own_segment *segment = own__segment_of(p);
    if (!segment) {
        if (p) own__report_invalid_free(p, "free", caller);
    } else if (segment->kind == OWN_SEGMENT_ARENA) {
        free_arena_block(segment, p, caller);
    } else if (segment->kind == OWN_SEGMENT_SMALL || p != segment->huge_block) {
        own__report_invalid_free(p, "free", caller);
    } else if (!segment->pages_in_use) {
        report_double_free(p, 0, caller);
    } else {
        own__huge_free(segment);
    }
}

static __attribute__((noinline)) void free_twice(own_page *page, void *p, const void *caller)
{
    report_double_free(p, page->block_size, caller);
}

/* Gives a block of a small page back: onto the page's local list when the page is the calling
 * thread's, else onto its thread_free stack. `checked`: compare with the head of the local list,
 * which catches a block freed twice in a row. */
static inline void free_small(own_page *page, void *p, const void *caller, bool checked)
{
    own_block *block = p;
    own_heap *heap = own__thread_heap;
    if (own_unlikely(atomic_load_explicit(&page->heap, memory_order_relaxed) != heap)) {
        free_remote(page, block);
        return;
    }
    if (checked && own_unlikely(block == page->free)) {
        free_twice(page, p, caller);
        return;
    }
    block->next = page->free;
    page->free = block;
    uint16_t used = (uint16_t)(atomic_load_explicit(&page->used, memory_order_relaxed) - 1);
    atomic_store_explicit(&page->used, used, memory_order_relaxed);
    /* Now empty (0), or in the full queue (OWN_PAGE_IN_FULL set): both at or above the bit. */
    if (own_unlikely((uint16_t)(used - 1) >= OWN_PAGE_IN_FULL - 1)) free_local_slow(heap, page);
}

/* The fast path: a small segment's mark, then one descriptor proves p is a block start. */
static inline void free_at(void *p, const void *caller)
{
    if (own_likely(own__map_mark(p) == OWN_MAP_SMALL)) {
        own_page *page = own__block_page(own__segment_at(p), p);
        if (own_likely(page != NULL)) {
            free_small(page, p, caller, true);
            return;
        }
    }
    free_other(p, caller);
}

void own_free(void *p)
{
    free_at(p, CALLER);
}

void own__free_at(void *p, const void *caller)
{
    free_at(p, caller);
}

void own__free_known(void *p)
{
    if (own_likely(own__map_mark(p) == OWN_MAP_SMALL)) {
        own_segment *segment = own__segment_at(p);
        free_small(own__page_of(segment, p), p, NULL, false);
        return;
    }
    free_other(p, CALLER); /* arena and huge blocks: rare and big, the full path costs nothing */
}

/* Everything but the start of a block of a small page, as free_other: out of line. */
static __attribute__((noinline)) size_t usable_size_other(const void *p, const void *caller)
{
    own_segment *segment = own__segment_of(p);
    if (segment && segment->kind == OWN_SEGMENT_ARENA) {
        size_t size = own__arena_usable(segment, p);
        if (size) return size;
    } else if (segment && segment->kind != OWN_SEGMENT_SMALL && p == segment->huge_block &&
               segment->pages_in_use) {
        return segment->mapped_size - (size_t)(segment->huge_block - (uint8_t *)segment);
    }
    if (p) own__report_invalid_free(p, "malloc_usable_size", caller);
    return 0;
}

/* The fast path is free's: a small segment's mark, then one descriptor proves p a block start. */
size_t own__usable_size(const void *p, const void *caller)
{
    if (own_likely(own__map_mark(p) == OWN_MAP_SMALL)) {
        own_page *page = own__block_page(own__segment_at(p), p);
        if (own_likely(page != NULL)) return page->block_size;
    }
    return usable_size_other(p, caller);
}

size_t own_malloc_usable_size(const void *p)
{
    return p ? own__usable_size(p, CALLER) : 0;
}
