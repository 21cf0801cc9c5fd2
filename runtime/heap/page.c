/* page.c: a page serves one size class — its blocks are carved lazily (so untouched memory stays
 * out of RSS), freed blocks go on the owner's local list, and blocks freed by other threads wait on
 * an atomic stack until the owner collects them. */
#include "heap/heap.h"
#include "os/os.h"

/* The page of every class of a heap that has no page yet: no free block, so the fast path falls
 * through to the slow path without a separate check. */
own_page own__empty_page;

void own__page_init(own_page *page, unsigned class_index)
{
    own_segment *segment = (own_segment *)((uintptr_t)page & ~(OWN_SEGMENT_SIZE - 1));
    unsigned first = (unsigned)(page - segment->pages);
    uint32_t block_size = own__class_size[class_index];
    own__segment_lock(segment);
    page->start = (uint8_t *)segment + ((size_t)first << OWN_SLICE_SHIFT);
    page->block_size = block_size;
    page->block_divisor = (((uint64_t)1 << 40) + block_size - 1) / block_size;
    page->reserved = (uint32_t)(((size_t)page->slice_count << OWN_SLICE_SHIFT) / block_size);
    page->capacity = 0;
    page->free = NULL;
    page->class_index = (uint8_t)class_index;
    page->in_full = 0;
    page->next = page->prev = NULL;
    atomic_store_explicit(&page->used, 0, memory_order_relaxed);
    atomic_store_explicit(&page->thread_free, 0, memory_order_relaxed);
    own__segment_unlock(segment);
}

/* Carves the next blocks onto the (empty) free list: about one OS page at a time. */
void own__page_extend(own_page *page)
{
    own_assert(page->free == NULL && page->capacity < page->reserved);
    uint32_t size = page->block_size;
    uint32_t count = size >= OWN_OS_PAGE ? 1 : OWN_OS_PAGE / size;
    if (count > page->reserved - page->capacity) count = page->reserved - page->capacity;
    uint8_t *first = page->start + (size_t)page->capacity * size;
    uint8_t *block = first;
    for (uint32_t i = 1; i < count; i++, block += size)
        ((own_block *)block)->next = (own_block *)(block + size);
    ((own_block *)block)->next = NULL;
    page->free = (own_block *)first;
    page->capacity += count;
}

/* Moves the blocks other threads freed onto the local list. */
void own__page_collect(own_page *page)
{
    if (!atomic_load_explicit(&page->thread_free, memory_order_relaxed)) return;
    own_block *list =
        (own_block *)atomic_exchange_explicit(&page->thread_free, 0, memory_order_acquire);
    if (!list) return;
    uint32_t count = 1;
    own_block *tail = list;
    while (tail->next) {
        tail = tail->next;
        count++;
    }
    tail->next = page->free;
    page->free = list;
    atomic_store_explicit(&page->used,
                          atomic_load_explicit(&page->used, memory_order_relaxed) - count,
                          memory_order_relaxed);
}

void own__queue_push_front(own_page_queue *q, own_page *page)
{
    page->prev = NULL;
    page->next = q->first;
    if (q->first)
        q->first->prev = page;
    else
        q->last = page;
    q->first = page;
}

void own__queue_remove(own_page_queue *q, own_page *page)
{
    if (page->prev)
        page->prev->next = page->next;
    else
        q->first = page->next;
    if (page->next)
        page->next->prev = page->prev;
    else
        q->last = page->prev;
    page->next = page->prev = NULL;
}
