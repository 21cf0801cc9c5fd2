/* exports.c: libown-malloc.so — the malloc family under its standard names, so that
 * LD_PRELOAD=libown-malloc.so puts an unmodified program on own's heap. With OWN_OPTIONS
 * checked=1 every call goes to the checked heap (checked_alloc.c); without it, each costs one
 * compare of the mode, read once, that branch predictors learn at the first call. */
#include <errno.h>
#include <stddef.h>

#include <own/heap.h>

#include "heap/heap.h"
#include "preload/checked.h"

/* A bad free is reported at the program's call, not at this wrapper (which an unoptimised build
 * does not turn into a tail call). */
#define CALLER __builtin_extract_return_addr(__builtin_return_address(0))

#define EXPORT  __attribute__((visibility("default")))
#define CHECKED own_unlikely(own__checked_mode != OWN_CHECKED_OFF)

EXPORT void *malloc(size_t size)
{
    if (CHECKED) return own__checked_malloc(size, CALLER);
    return own_malloc(size);
}
EXPORT void free(void *p)
{
    if (CHECKED) {
        own__checked_free(p, CALLER);
        return;
    }
    own__free_at(p, CALLER);
}
EXPORT void *calloc(size_t count, size_t size)
{
    if (CHECKED) return own__checked_calloc(count, size, CALLER);
    return own_calloc(count, size);
}
EXPORT void *realloc(void *p, size_t size)
{
    if (CHECKED) return own__checked_realloc(p, size, CALLER);
    return own_realloc(p, size);
}
EXPORT void *reallocarray(void *p, size_t count, size_t size)
{
    if (CHECKED) return own__checked_reallocarray(p, count, size, CALLER);
    return own_reallocarray(p, count, size);
}
EXPORT int posix_memalign(void **out, size_t alignment, size_t size)
{
    if (CHECKED) return own__checked_posix_memalign(out, alignment, size, CALLER);
    return own_posix_memalign(out, alignment, size);
}
EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
    if (CHECKED) return own__checked_aligned_alloc(alignment, size, CALLER);
    return own_aligned_alloc(alignment, size);
}
EXPORT void *memalign(size_t alignment, size_t size)
{
    if (CHECKED) return own__checked_memalign(alignment, size, CALLER);
    return own_memalign(alignment, size);
}
EXPORT void *valloc(size_t size)
{
    if (CHECKED) return own__checked_valloc(size, false, CALLER);
    return own_valloc(size);
}
EXPORT void *pvalloc(size_t size)
{
    if (CHECKED) return own__checked_valloc(size, true, CALLER);
    return own_pvalloc(size);
}
EXPORT size_t malloc_usable_size(void *p)
{
    if (CHECKED) return own__checked_usable_size(p, CALLER);
    return own_malloc_usable_size(p);
}
/* glibc's cfree, kept by old programs. */
EXPORT void cfree(void *p)
{
    if (CHECKED) {
        own__checked_free(p, CALLER);
        return;
    }
    own__free_at(p, CALLER);
}
