/* exports.c: libown-malloc.so — the malloc family under its standard names, so that
 * LD_PRELOAD=libown-malloc.so puts an unmodified program on own's heap. */
#include <errno.h>
#include <stddef.h>

#include <own/heap.h>

#include "heap/heap.h"

/* A bad free is reported at the program's call, not at this wrapper (which an unoptimised build
 * does not turn into a tail call). */
#define CALLER __builtin_extract_return_addr(__builtin_return_address(0))

#define EXPORT __attribute__((visibility("default")))

EXPORT void *malloc(size_t size)
{
    return own_malloc(size);
}
EXPORT void free(void *p)
{
    own__free_at(p, CALLER);
}
EXPORT void *calloc(size_t count, size_t size)
{
    return own_calloc(count, size);
}
EXPORT void *realloc(void *p, size_t size)
{
    return own_realloc(p, size);
}
EXPORT void *reallocarray(void *p, size_t count, size_t size)
{
    return own_reallocarray(p, count, size);
}
EXPORT int posix_memalign(void **out, size_t alignment, size_t size)
{
    return own_posix_memalign(out, alignment, size);
}
EXPORT void *aligned_alloc(size_t alignment, size_t size)
{
    return own_aligned_alloc(alignment, size);
}
EXPORT void *memalign(size_t alignment, size_t size)
{
    return own_memalign(alignment, size);
}
EXPORT void *valloc(size_t size)
{
    return own_valloc(size);
}
EXPORT void *pvalloc(size_t size)
{
    return own_pvalloc(size);
}
EXPORT size_t malloc_usable_size(void *p)
{
    return own_malloc_usable_size(p);
}
/* glibc's cfree, kept by old programs. */
EXPORT void cfree(void *p)
{
    own__free_at(p, CALLER);
}
