/* realloc.c: own_realloc and own_reallocarray, with glibc's semantics for the corners:
 * realloc(NULL, n) allocates, realloc(p, 0) frees and returns NULL, a failed realloc leaves the
 * block as it was and sets errno to ENOMEM. */
#include <errno.h>
#include <string.h>

#include "heap/heap.h"

#define CALLER __builtin_extract_return_addr(__builtin_return_address(0))

static void *realloc_at(void *p, size_t size, const void *caller)
{
    if (!p) return own_malloc(size);
    if (size == 0) {
        own__free_at(p, caller);
        return NULL;
    }
    own_segment *segment = own__segment_of(p);
    if (segment && segment->kind == OWN_SEGMENT_HUGE && p == segment->huge_block &&
        segment->pages_in_use && size > OWN_LARGE_MAX) {
        void *moved = own__huge_realloc(segment, size);
        if (moved) return moved;
    }
    if (segment && segment->kind == OWN_SEGMENT_ARENA && size > OWN_LARGE_MAX &&
        size <= OWN_ARENA_BLOCK_MAX && own__arena_resize(segment, p, size))
        return p;
    size_t old_size = segment ? own__usable_size(p, caller) : 0;
    if (old_size == 0) {
        if (!segment) own__report_invalid_free(p, "realloc", caller);
        errno = EINVAL;
        return NULL;
    }
    /* Stay in place when the block still fits and would not waste more than half of it. */
    if (size <= old_size && size >= old_size / 2) return p;
    /* A big block that outgrew its place by a little tends to grow again by as little (string
     * builders): with room for half as much again the copies stay geometric, not one per page of
     * growth. The room costs no memory until it is written, but it keeps the arena's free pages
     * from other blocks; a caller that grows by half or more (vectors) is geometric already. */
    size_t room = size;
    if (size > old_size && size - old_size < old_size / 2 && size > OWN_LARGE_MAX &&
        size <= OWN_ARENA_BLOCK_MAX) {
        room = size + size / 2;
        if (room > OWN_ARENA_BLOCK_MAX) room = OWN_ARENA_BLOCK_MAX;
    }
    void *q = own_malloc(room);
    if (!q) return NULL;
    memcpy(q, p, size < old_size ? size : old_size);
    own__free_at(p, caller);
    return q;
}

void *own_realloc(void *p, size_t size)
{
    return realloc_at(p, size, CALLER);
}

void *own_reallocarray(void *p, size_t count, size_t size)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc_at(p, total, CALLER);
}
