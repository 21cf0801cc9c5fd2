/* alloc.c: own_malloc and own_calloc. The fast path — a size class from a table, the class's
 * current page, a pop from its free list — is a handful of instructions with no lock and no atomic
 * read-modify-write; everything else is the slow path below it. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "heap/heap.h"

static inline void *page_pop(own_page *page)
{
    own_block *block = page->free;
    page->free = block->next;
    uint16_t used = atomic_load_explicit(&page->used, memory_order_relaxed);
    atomic_store_explicit(&page->used, (uint16_t)(used + 1), memory_order_relaxed);
    return block;
}

void *own_malloc(size_t size)
{
    own_heap *heap = own__thread_heap;
    if (own_likely(size <= OWN_SMALL_MAX)) {
        own_page *page = heap->direct[(size + 7) >> 3];
        if (own_likely(page->free != NULL)) return page_pop(page);
    }
    return own__malloc_slow(heap, size);
}

/* Makes `page` the one its class allocates from, in both tables. */
static void set_current(own_heap *heap, unsigned class_index, own_page *page)
{
    heap->current[class_index] = page;
    uint32_t size = own__class_size[class_index];
    if (size > OWN_SMALL_MAX) return;
    unsigned below = class_index > 1 ? own__class_size[class_index - 1] / 8 + 1 : 0;
    for (unsigned w = below; w <= size / 8; w++)
        heap->direct[w] = page;
}

/* Moves full pages that other threads freed into back to the class queues. */
static bool revisit_full_pages(own_heap *heap)
{
    if (!atomic_exchange_explicit(&heap->remote_frees, 0, memory_order_acq_rel)) return false;
    bool moved = false;
    for (unsigned c = 1; c < own__class_count; c++) {
        own_page *page = heap->full[c].first;
        while (page) {
            own_page *next = page->next;
            if (atomic_load_explicit(&page->thread_free, memory_order_acquire)) {
                own__queue_remove(&heap->full[c], page);
                own__page_set_in_full(page, false);
                own__queue_push_front(&heap->pages[c], page);
                moved = true;
            }
            page = next;
        }
    }
    return moved;
}

/* Pages of a class used up before its next page is made resident in one call (see below). */
#define FILL_AFTER_FULL_PAGES 8

/* Whether a new page of the class will be carved to its end soon, so that its memory is better made
 * resident in one call than faulted in 4 KiB at a time: the heap has used up FILL_AFTER_FULL_PAGES
 * pages of the class (it grows in bulk, and what the new page holds beyond use is at most a ninth
 * of the class's memory), and the page is one slice, whose blocks (8 KiB at most) are carved and
 * written whole. A small program, or a class of a few pages, keeps its pages carved lazily and
 * its RSS small; a bigger block may stay partly untouched (a buffer), and its page spans slices. */
static bool class_fills_pages(own_heap *heap, unsigned class_index)
{
    if (own__class_slices[class_index] != 1) return false;
    unsigned full = 0;
    for (own_page *page = heap->full[class_index].first; page && full < FILL_AFTER_FULL_PAGES;
         page = page->next)
        full++;
    return full == FILL_AFTER_FULL_PAGES;
}

void *own__malloc_class(own_heap *heap, unsigned class_index)
{
    if (heap->current[class_index]->free) return page_pop(heap->current[class_index]);
    own_page_queue *queue = &heap->pages[class_index];
    for (;;) {
        own_page *page = queue->first;
        while (page) {
            own__page_collect(page);
            if (!page->free && own__page_can_extend(page)) own__page_extend(page);
            if (page->free) {
                set_current(heap, class_index, page);
                return page_pop(page);
            }
            own_page *next = page->next;
            own__queue_remove(queue, page);
            own__page_set_in_full(page, true);
            own__queue_push_front(&heap->full[class_index], page);
            page = next;
        }
        if (revisit_full_pages(heap)) continue;
        /* A new page: from the heap's free slices, else from a segment a thread left when it
         * exited, else from a new segment. Adopting only then spreads the segments a generation
         * of threads leaves over the next one, where adopting first made one thread take them all
         * (and give back their free slices over its limit) while the others faulted in new ones. */
        unsigned slices = own__class_slices[class_index];
        bool fill = class_fills_pages(heap, class_index);
        page = own__span_alloc(heap, slices, fill, false);
        if (!page) {
            if (own__adopt_abandoned(heap)) continue;
            page = own__span_alloc(heap, slices, fill, true);
        }
        if (!page) {
            errno = ENOMEM;
            return NULL;
        }
        own__page_init(page, class_index);
        atomic_store_explicit(&page->heap, heap, memory_order_release);
        own__queue_push_front(queue, page);
    }
}

void *own__malloc_slow(own_heap *heap, size_t size)
{
    if (heap == &own__empty_heap && !(heap = own__heap_start())) {
        errno = ENOMEM;
        return NULL;
    }
    if (size > OWN_LARGE_MAX) return own__huge_alloc(size, 0, false);
    unsigned class_index = own__class_of(size);
    own_page *page = heap->current[class_index];
    if (own_likely(page->free != NULL)) return page_pop(page); /* sizes over OWN_SMALL_MAX */
    return own__malloc_class(heap, class_index);
}

void *own_calloc(size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    if (total > OWN_LARGE_MAX) {
        if (own__thread_heap == &own__empty_heap && !own__heap_start()) {
            errno = ENOMEM;
            return NULL;
        }
        return own__huge_alloc(total, 0, true); /* fresh mappings are already zero */
    }
    void *p = own_malloc(total);
    if (p) memset(p, 0, total);
    return p;
}
