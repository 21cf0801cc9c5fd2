/* free.c: own_free and own_malloc_usable_size. A pointer is checked before anything is written:
 * it must lie in a segment own mapped, in a page in use, at the start of a block. Anything else is
 * reported (invalid-handle, free-interior, double-free) and ignored, never a crash inside own. */
#include <inttypes.h>

#include "heap/heap.h"

#define CALLER __builtin_extract_return_addr(__builtin_return_address(0))

void own__report_invalid_free(const void *p, const char *what, const void *caller)
{
    own_report report;
    own_site site = {.code = caller, .thread = own__thread_number()};
    own_segment *segment = own__segment_of(p);
    if (segment && segment->kind == OWN_SEGMENT_SMALL) {
        own_page *page = own__page_of(segment, p);
        if (page->block_size && (const uint8_t *)p >= page->start) {
            size_t offset = (size_t)((const uint8_t *)p - page->start) % page->block_size;
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

/* The page that holds p as the start of a block, or NULL. */
static inline own_page *block_page(own_segment *segment, const void *p)
{
    own_page *page = own__page_of(segment, p);
    uint64_t offset = (uint64_t)((const uint8_t *)p - page->start);
    if (own_unlikely(page->block_size == 0 || (const uint8_t *)p < page->start)) return NULL;
    uint64_t index = (offset * page->block_divisor) >> 40;
    if (own_unlikely(index * page->block_size != offset || index >= page->reserved)) return NULL;
    return page;
}

static void free_remote(own_page *page, own_block *block)
{
    uintptr_t old = atomic_load_explicit(&page->thread_free, memory_order_relaxed);
    do {
        block->next = (own_block *)old;
    } while (!atomic_compare_exchange_weak_explicit(&page->thread_free, &old, (uintptr_t)block,
                                                    memory_order_release, memory_order_relaxed));
    if (old) return; /* the owner was told when the stack became non-empty */
    own_heap *owner = atomic_load_explicit(&page->heap, memory_order_acquire);
    if (owner) atomic_fetch_add_explicit(&owner->remote_frees, 1, memory_order_release);
}

/* A page of the calling thread got a block back and is now empty or was full. */
static void free_local_slow(own_heap *heap, own_page *page)
{
    unsigned c = page->class_index;
    if (page->in_full) {
        own__queue_remove(&heap->full[c], page);
        page->in_full = 0;
        own__queue_push_front(&heap->pages[c], page);
    }
    if (atomic_load_explicit(&page->used, memory_order_relaxed) == 0 && page != heap->direct[c]) {
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

static void free_block(own_segment *segment, void *p, const void *caller)
{
    if (own_unlikely(segment->kind == OWN_SEGMENT_ARENA)) {
        free_arena_block(segment, p, caller);
        return;
    }
    if (own_unlikely(segment->kind != OWN_SEGMENT_SMALL)) {
        if (p != segment->pages[0].start)
            own__report_invalid_free(p, "free", caller);
        else if (!segment->pages_in_use)
            report_double_free(p, 0, caller);
        else
            own__huge_free(segment);
        return;
    }
    own_page *page = block_page(segment, p);
    if (own_unlikely(!page)) {
        own__report_invalid_free(p, "free", caller);
        return;
    }
    own_block *block = p;
    own_heap *heap = own__thread_heap;
    if (own_likely(atomic_load_explicit(&page->heap, memory_order_relaxed) == heap)) {
        if (own_unlikely(block == page->free)) {
            report_double_free(p, page->block_size, caller);
            return;
        }
        block->next = page->free;
        page->free = block;
        uint32_t used = atomic_load_explicit(&page->used, memory_order_relaxed) - 1;
        atomic_store_explicit(&page->used, used, memory_order_relaxed);
        if (own_unlikely(used == 0 || page->in_full)) free_local_slow(heap, page);
    } else {
        free_remote(page, block);
    }
}

void own_free(void *p)
{
    own_segment *segment = own__segment_of(p);
    if (own_unlikely(!segment)) {
        if (p) own__report_invalid_free(p, "free", CALLER);
        return;
    }
    free_block(segment, p, CALLER);
}

void own__free_at(void *p, const void *caller)
{
    own_segment *segment = own__segment_of(p);
    if (!segment) {
        if (p) own__report_invalid_free(p, "free", caller);
        return;
    }
    free_block(segment, p, caller);
}

size_t own__usable_size(const void *p, const void *caller)
{
    own_segment *segment = own__segment_of(p);
    if (!segment) {
        if (p) own__report_invalid_free(p, "malloc_usable_size", caller);
        return 0;
    }
    if (segment->kind == OWN_SEGMENT_ARENA) {
        size_t size = own__arena_usable(segment, p);
        if (!size) own__report_invalid_free(p, "malloc_usable_size", caller);
        return size;
    }
    if (segment->kind != OWN_SEGMENT_SMALL) {
        if (p == segment->pages[0].start && segment->pages_in_use)
            return segment->mapped_size - (size_t)(segment->pages[0].start - (uint8_t *)segment);
        own__report_invalid_free(p, "malloc_usable_size", caller);
        return 0;
    }
    own_page *page = block_page(segment, p);
    if (!page) {
        own__report_invalid_free(p, "malloc_usable_size", caller);
        return 0;
    }
    return page->block_size;
}

size_t own_malloc_usable_size(const void *p)
{
    return p ? own__usable_size(p, CALLER) : 0;
}
