/* huge.c: blocks bigger than the largest size class — up to OWN_ARENA_BLOCK_MAX handed to the
 * arenas, bigger (or aligned beyond a page) ones each in a mapping of its own that starts
 * with a segment header, so a pointer finds its block the same way as a small one. Growing one
 * moves its pages with mremap instead of copying. A few freed mappings are cached because programs
 * that use big buffers tend to free and ask again at once. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "heap/heap.h"
#include "os/os.h"

enum { CACHE_SLOTS = 4 };
#define CACHE_MAX_BYTES ((size_t)32 << 20)

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static own_segment *cache[CACHE_SLOTS];
static size_t cache_bytes;

void own__huge_cache_lock(bool lock)
{
    if (lock)
        pthread_mutex_lock(&cache_lock);
    else
        pthread_mutex_unlock(&cache_lock);
}

static size_t block_offset(size_t alignment)
{
    return alignment > OWN_HUGE_HEADER ? alignment : OWN_HUGE_HEADER;
}

size_t own__huge_usable(const own_segment *segment)
{
    return segment->mapped_size - (size_t)(segment->huge_block - (const uint8_t *)segment);
}

/* The smallest cached mapping of at least `total` bytes, cut down to `total`, or NULL. Reusing a
 * bigger mapping keeps its pages resident (no page faults for them); cutting its tail keeps RSS
 * from growing. Sizes of big buffers vary, so insisting on a close fit would rarely reuse. */
static own_segment *cache_take(size_t total)
{
    own_segment *found = NULL;
    int found_slot = -1;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_SLOTS; i++) {
        own_segment *s = cache[i];
        if (s && s->mapped_size >= total && (!found || s->mapped_size < found->mapped_size)) {
            found = s;
            found_slot = i;
        }
    }
    if (found) {
        cache[found_slot] = NULL;
        cache_bytes -= found->mapped_size;
    }
    pthread_mutex_unlock(&cache_lock);
    if (found && found->mapped_size - total >= OWN_SEGMENT_SIZE / 4) {
        /* Unmark, cut, mark again: the cut-off range may be mapped by another thread at once. */
        size_t old_total = found->mapped_size;
        own__segment_untrack(found);
        own__segment_map_mark(found, old_total, 0);
        munmap((uint8_t *)found + total, old_total - total);
        found->mapped_size = total;
        own__segment_map_mark(found, total, OWN_MAP_BIG);
        own__segment_track(found);
        own__committed_add((ptrdiff_t)total - (ptrdiff_t)old_total);
    }
    return found;
}

static void unmap_segment(own_segment *segment)
{
    own__committed_add(-(ptrdiff_t)segment->mapped_size);
    own__segment_release(segment);
}

void *own__huge_alloc(size_t size, size_t alignment, bool zero)
{
    size_t offset = block_offset(alignment);
    if (size > PTRDIFF_MAX - offset - OWN_SEGMENT_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    if (offset == OWN_HUGE_HEADER && size <= OWN_ARENA_BLOCK_MAX)
        return own__arena_alloc(size, zero);
    size_t total = (offset + size + OWN_OS_PAGE - 1) & ~(size_t)(OWN_OS_PAGE - 1);
    own_segment *segment = offset == OWN_HUGE_HEADER ? cache_take(total) : NULL;
    if (segment) {
        if (zero) memset(segment->huge_block, 0, size);
    } else {
        size_t map_alignment = alignment > OWN_SEGMENT_SIZE ? alignment : OWN_SEGMENT_SIZE;
        segment = own__os_map_aligned(total, map_alignment);
        if (!segment) return NULL;
        segment->kind = OWN_SEGMENT_HUGE;
        segment->mapped_size = total;
        segment->huge_block = (uint8_t *)segment + offset;
        own__committed_add((ptrdiff_t)total);
        own__segment_map_mark(segment, total, OWN_MAP_BIG);
        own__segment_track(segment);
    }
    segment->pages_in_use = 1;
    return segment->huge_block;
}

void own__huge_free(own_segment *segment)
{
    segment->pages_in_use = 0;
    own_segment *victims[CACHE_SLOTS + 1];
    int victim_count = 0;
    bool plain = segment->huge_block == (uint8_t *)segment + OWN_HUGE_HEADER;
    if (!plain || segment->mapped_size > CACHE_MAX_BYTES / 2) {
        victims[victim_count++] = segment;
    } else {
        pthread_mutex_lock(&cache_lock);
        int slot = 0; /* an empty slot, else the smallest mapping */
        for (int i = 0; i < CACHE_SLOTS; i++)
            if (!cache[i] || (cache[slot] && cache[i]->mapped_size < cache[slot]->mapped_size))
                slot = i;
        if (cache[slot]) {
            victims[victim_count++] = cache[slot];
            cache_bytes -= cache[slot]->mapped_size;
        }
        cache[slot] = segment;
        cache_bytes += segment->mapped_size;
        for (int i = 0; i < CACHE_SLOTS && cache_bytes > CACHE_MAX_BYTES; i++)
            if (i != slot && cache[i]) {
                victims[victim_count++] = cache[i];
                cache_bytes -= cache[i]->mapped_size;
                cache[i] = NULL;
            }
        pthread_mutex_unlock(&cache_lock);
    }
    for (int i = 0; i < victim_count; i++)
        unmap_segment(victims[i]);
}

void own__huge_trim(void)
{
    own_segment *victims[CACHE_SLOTS];
    int victim_count = 0;
    pthread_mutex_lock(&cache_lock);
    for (int i = 0; i < CACHE_SLOTS; i++)
        if (cache[i]) {
            victims[victim_count++] = cache[i];
            cache[i] = NULL;
        }
    cache_bytes = 0;
    pthread_mutex_unlock(&cache_lock);
    for (int i = 0; i < victim_count; i++)
        unmap_segment(victims[i]);
}

/* Resizes a huge block in place or by moving its pages; NULL when the caller must copy. */
void *own__huge_realloc(own_segment *segment, size_t size)
{
    size_t offset = (size_t)(segment->huge_block - (uint8_t *)segment);
    if (offset != OWN_HUGE_HEADER || size > PTRDIFF_MAX - OWN_SEGMENT_SIZE * 2) return NULL;
    size_t total = (offset + size + OWN_OS_PAGE - 1) & ~(size_t)(OWN_OS_PAGE - 1);
    size_t old_total = segment->mapped_size;
    if (total == old_total) return segment->huge_block;
    if (total < old_total) {
        if (total < old_total / 2) return NULL; /* much smaller: a copy frees the address space */
        own__segment_untrack(segment);
        own__segment_map_mark(segment, old_total, 0);
        munmap((uint8_t *)segment + total, old_total - total);
    } else {
        /* Reserve an aligned range and move the pages there: no copy, whatever the size. */
        void *target = own__os_map_aligned(total, OWN_SEGMENT_SIZE);
        if (!target) return NULL;
        own__segment_untrack(segment);
        /* Unmarked before the old range is given up: once mremap returns, another thread may map
         * a segment there and mark it, and a late unmark would erase that segment's marks. */
        own__segment_map_mark(segment, old_total, 0);
        void *moved = mremap(segment, old_total, total, MREMAP_MAYMOVE | MREMAP_FIXED, target);
        if (moved == MAP_FAILED) {
            own__segment_map_mark(segment, old_total, OWN_MAP_BIG);
            own__segment_track(segment);
            own__os_unmap(target, total);
            return NULL;
        }
        segment = moved;
        segment->huge_block = (uint8_t *)segment + offset;
    }
    own__committed_add((ptrdiff_t)total - (ptrdiff_t)old_total);
    segment->mapped_size = total;
    own__segment_map_mark(segment, total, OWN_MAP_BIG);
    own__segment_track(segment);
    return segment->huge_block;
}
