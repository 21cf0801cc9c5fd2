/* page.c: a page serves one size class — its blocks are carved lazily (so untouched memory stays
 * out of RSS), freed blocks go on the owner's local list, and blocks freed by other threads wait on
 * an atomic stack until the owner collects them. */
#include "heap/heap.h"
#include "os/os.h"

/* The page of every class of a heap that has no page yet: no free block, so the fast path falls
 * through to the slow path without a separate check. */
own_page own__empty_page;

/* The inverse of an odd number modulo 2^64: each Newton step doubles the correct low bits, and
 * odd * odd = 1 modulo 8 gives the first three. */
static uint64_t odd_inverse(uint64_t odd)
{
    uint64_t x = odd;
    for (int i = 0; i < 5; i++)
        x *= 2 - odd * x;
    return x;
}

void own__page_init(own_page *page, unsigned class_index)
{
    own_segment *segment = own__segment_at(page);
    uint32_t block_size = own__class_size[class_index];
    unsigned shift = (unsigned)__builtin_ctz(block_size);
    size_t reserved = ((size_t)page->slice_count << OWN_SLICE_SHIFT) / block_size;
    own_assert(reserved <= UINT16_MAX);
    own__segment_lock(segment);
    page->block_size = block_size;
    page->block_shift = (uint8_t)shift;
    page->block_inverse = odd_inverse(block_size >> shift);
    page->reserved = (uint16_t)reserved;
    atomic_store_explicit(&page->capacity, 0, memory_order_relaxed);
    page->free = NULL;
    page->class_index = (uint8_t)class_index;
    page->next = page->prev = NULL;
    atomic_store_explicit(&page->used, 0, memory_order_relaxed);
    atomic_store_explicit(&page->thread_free, 0, memory_order_relaxed);
    own__segment_unlock(segment);
}

/* Carves the next blocks onto the (empty) free list: about one OS page at a time. */
void own__page_extend(own_page *page)
{
    uint32_t capacity = atomic_load_explicit(&page->capacity, memory_order_relaxed);
    own_assert(page->free == NULL && capacity < page->reserved);
    uint32_t size = page->block_size;
    uint32_t count = size >= OWN_OS_PAGE ? 1 : OWN_OS_PAGE / size;
    if (count > page->reserved - capacity) count = page->reserved - capacity;
    uint8_t *first = own__page_start(page) + (size_t)capacity * size;
    uint8_t *block = first;
    for (uint32_t i = 1; i < count; i++, block += size)
        ((own_block *)block)->next = (own_block *)(block + size);
    ((own_block *)block)->next = NULL;
    page->free = (own_block *)first;
    atomic_store_explicit(&page->capacity, (uint16_t)(capacity + count), memory_order_relaxed);
}

/* Moves the blocks other threads freed onto the local list: in one step when that list is empty
 * (the stack's word counts its blocks), else after its last block. */
void own__page_collect(own_page *page)
{
    if (!atomic_load_explicit(&page->thread_free, memory_order_relaxed)) return;
    uintptr_t word = atomic_exchange_explicit(&page->thread_free, 0, memory_order_acquire);
    own_block *list = own__remote_top(word);
    if (!list) return;
    unsigned count = own__remote_count(word);
    if (page->free) {
        own_block *tail = list;
        while (tail->next)
            tail = tail->next;
        tail->next = page->free;
    }
    page->free = list;
    uint16_t used = atomic_load_explicit(&page->used, memory_order_relaxed);
    atomic_store_explicit(&page->used, (uint16_t)(used - count), memory_order_relaxed);
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
