/* thread_heap.c: one heap per thread — created on the thread's first allocation, its segments
 * abandoned when the thread exits (and adopted by a thread that needs a page and has no free
 * slices for it), and kept sane across fork. Also the start of the whole heap, which may happen
 * inside the dynamic loader. */
#include <string.h>

#include "heap/heap.h"
#include "os/os.h"

own_heap own__empty_heap = {.direct = {[0 ... OWN_DIRECT_SIZES - 1] = &own__empty_page},
                            .current = {[0 ... OWN_SIZE_CLASSES - 1] = &own__empty_page}};
__thread own_heap *own__thread_heap = &own__empty_heap;

static pthread_mutex_t heaps_lock = PTHREAD_MUTEX_INITIALIZER;
static own_heap *free_heaps; /* heap structures of exited threads, for reuse */
static own_heap *live_heaps; /* every heap in use */
static pthread_key_t exit_key;

static pthread_mutex_t abandoned_lock = PTHREAD_MUTEX_INITIALIZER;
static own_segment *abandoned; /* segments whose thread exited with blocks still in use */
static atomic_size_t abandoned_count;

static atomic_int started; /* 0 no, 1 starting, 2 yes */

static void thread_exit(void *arg);
static void before_fork(void);
static void after_fork_parent(void);
static void after_fork_child(void);

/* Starts the heap of the process: size classes, the segment map, thread-exit and fork hooks. */
static bool heap_start_process(void)
{
    int expected = 0;
    if (atomic_compare_exchange_strong(&started, &expected, 1)) {
        own__size_classes_init();
        if (!own__segment_map_init()) {
            atomic_store(&started, 0);
            return false;
        }
        pthread_key_create(&exit_key, thread_exit);
        pthread_atfork(before_fork, after_fork_parent, after_fork_child);
        atomic_store(&started, 2);
    }
    while (atomic_load(&started) == 1) {
    }
    return atomic_load(&started) == 2;
}

static own_heap *heap_struct_new(void)
{
    pthread_mutex_lock(&heaps_lock);
    own_heap *heap = free_heaps;
    if (heap) {
        free_heaps = heap->pool_next;
    } else {
        /* Heap structures are never unmapped: other threads may still bump a dead heap's hint. */
        enum { CHUNK = 64 * 1024 };
        static own_heap *chunk;
        static size_t chunk_left;
        if (chunk_left == 0) {
            chunk = own__os_map_aligned(CHUNK, OWN_OS_PAGE);
            chunk_left = chunk ? CHUNK / sizeof(own_heap) : 0;
        }
        if (chunk_left) {
            heap = chunk++;
            chunk_left--;
        }
    }
    if (heap) {
        heap->all_next = live_heaps;
        live_heaps = heap;
    }
    pthread_mutex_unlock(&heaps_lock);
    return heap;
}

static void heap_struct_free_locked(own_heap *heap)
{
    for (own_heap **link = &live_heaps; *link; link = &(*link)->all_next)
        if (*link == heap) {
            *link = heap->all_next;
            break;
        }
    heap->live = false;
    heap->pool_next = free_heaps;
    free_heaps = heap;
}

own_heap *own__heap_start(void)
{
    if (own__thread_heap != &own__empty_heap) return own__thread_heap;
    if (!heap_start_process()) return NULL;
    own_heap *heap = heap_struct_new();
    if (!heap) return NULL;
    uint32_t hint = atomic_load(&heap->remote_frees);
    memset(heap, 0, offsetof(own_heap, remote_frees));
    atomic_store(&heap->remote_frees, hint);
    for (unsigned w = 0; w < OWN_DIRECT_SIZES; w++)
        heap->direct[w] = &own__empty_page;
    for (unsigned c = 0; c < OWN_SIZE_CLASSES; c++)
        heap->current[c] = &own__empty_page;
    heap->live = true;
    own__thread_heap = heap;
    pthread_setspecific(exit_key, heap);
    own__thread_number();
    return heap;
}

static void abandon_segment(own_segment *segment)
{
    for (unsigned i = 1; i < OWN_SLICES; i++) {
        own_page *page = &segment->pages[i];
        if (page->descriptor_back == 0 && page->block_size)
            atomic_store_explicit(&page->heap, NULL, memory_order_release);
    }
    segment->heap = NULL;
    pthread_mutex_lock(&abandoned_lock);
    segment->prev = NULL;
    segment->next = abandoned;
    abandoned = segment;
    atomic_fetch_add(&abandoned_count, 1);
    pthread_mutex_unlock(&abandoned_lock);
}

/* Gives back what the heap no longer uses and abandons the rest, page contents intact. */
static void heap_abandon(own_heap *heap, bool collect)
{
    if (collect) {
        for (unsigned c = 1; c < own__class_count; c++) {
            own_page_queue *queues[2] = {&heap->pages[c], &heap->full[c]};
            for (int q = 0; q < 2; q++) {
                own_page *page = queues[q]->first;
                while (page) {
                    own_page *next = page->next;
                    own__page_collect(page);
                    if (own__page_used(page) == 0) {
                        own__queue_remove(queues[q], page);
                        own__span_free(heap, page);
                    }
                    page = next;
                }
            }
        }
    }
    own_segment *segment = heap->segments;
    while (segment) {
        own_segment *next = segment->next;
        abandon_segment(segment);
        segment = next;
    }
    own_segment *empty;
    while ((empty = own__empty_segment_take(heap)))
        own__segment_release(empty);
    heap->segments = NULL;
}

static void thread_exit(void *arg)
{
    own_heap *heap = arg;
    if (!heap || heap == &own__empty_heap) return;
    heap_abandon(heap, true);
    own__thread_heap = &own__empty_heap;
    pthread_mutex_lock(&heaps_lock);
    heap_struct_free_locked(heap);
    pthread_mutex_unlock(&heaps_lock);
}

/* Takes one abandoned segment: its pages join this heap's queues, its empty pages are freed. */
bool own__adopt_abandoned(own_heap *heap)
{
    if (!atomic_load_explicit(&abandoned_count, memory_order_relaxed)) return false;
    pthread_mutex_lock(&abandoned_lock);
    own_segment *segment = abandoned;
    if (segment) {
        abandoned = segment->next;
        atomic_fetch_sub(&abandoned_count, 1);
    }
    pthread_mutex_unlock(&abandoned_lock);
    if (!segment) return false;

    segment->heap = heap;
    own__segment_list_push(&heap->segments, segment);
    heap->dirty_slices += (uint32_t)__builtin_popcountll(segment->dirty_slices);
    heap->used_slices += OWN_SLICES - 1 - (uint32_t)__builtin_popcountll(segment->free_slices);

    unsigned i = 1;
    while (i < OWN_SLICES) {
        own_page *page = &segment->pages[i];
        if (segment->free_slices & ((uint64_t)1 << i) || !page->block_size) {
            i++;
            continue;
        }
        i += page->slice_count;
        atomic_store_explicit(&page->heap, heap, memory_order_release);
        own__page_collect(page);
        page->next = page->prev = NULL;
        own__page_set_in_full(page, false);
        if (own__page_used(page) == 0) {
            bool last = segment->pages_in_use == 1;
            own__span_free(heap, page);
            if (last) break; /* the segment may be gone */
        } else if (page->free || own__page_can_extend(page)) {
            own__queue_push_front(&heap->pages[page->class_index], page);
        } else {
            own__page_set_in_full(page, true);
            own__queue_push_front(&heap->full[page->class_index], page);
        }
    }
    return true;
}

/* ---- fork: no lock of own's may be held in the child, and the other threads' heaps are gone. */

static void before_fork(void)
{
    pthread_mutex_lock(&heaps_lock);
    pthread_mutex_lock(&abandoned_lock);
    pthread_mutex_lock(&own__segments_lock);
    own__huge_cache_lock(true);
    own__arena_lock(true);
}

static void after_fork_parent(void)
{
    own__arena_lock(false);
    own__huge_cache_lock(false);
    pthread_mutex_unlock(&own__segments_lock);
    pthread_mutex_unlock(&abandoned_lock);
    pthread_mutex_unlock(&heaps_lock);
}

static void after_fork_child(void)
{
    after_fork_parent();
    /* A thread of the parent may have held a segment's descriptor lock. */
    for (own_segment *s = own__all_segments; s; s = s->all_next)
        atomic_flag_clear(&s->lock);
    /* The heaps of the parent's other threads have no thread here: their blocks are adopted. */
    own_heap *heap = live_heaps;
    while (heap) {
        own_heap *next = heap->all_next;
        if (heap != own__thread_heap) {
            heap_abandon(heap, false);
            heap_struct_free_locked(heap);
        }
        heap = next;
    }
}
