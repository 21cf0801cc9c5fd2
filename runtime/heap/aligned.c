/* aligned.c: the aligned allocations. Up to 64 KiB of alignment a block comes from a size class
 * whose block size is a multiple of the alignment (pages start 64 KiB-aligned, so every block of
 * such a class is aligned and free needs no special case); beyond that, a huge block placed at the
 * alignment inside its own mapping. */
#include <errno.h>
#include <stdint.h>

#include "heap/heap.h"
#include "os/os.h"

static bool is_power_of_two(size_t x)
{
    return x && !(x & (x - 1));
}

static void *aligned(size_t alignment, size_t size)
{
    if (own__thread_heap == &own__empty_heap && !own__heap_start()) {
        errno = ENOMEM;
        return NULL;
    }
    if (alignment <= 8) return own_malloc(size);
    if (alignment <= OWN_SLICE_SIZE && size <= OWN_LARGE_MAX) {
        size_t need = ((size ? size : 1) + alignment - 1) & ~(alignment - 1);
        if (need <= OWN_LARGE_MAX) {
            unsigned c = own__class_of(need);
            while (c < own__class_count && own__class_size[c] % alignment)
                c++;
            if (c < own__class_count) return own__malloc_class(own__thread_heap, c);
        }
    }
    if (alignment > ((size_t)1 << 40)) {
        errno = ENOMEM;
        return NULL;
    }
    return own__huge_alloc(size, alignment, false);
}

int own_posix_memalign(void **out, size_t alignment, size_t size)
{
    if (!is_power_of_two(alignment) || alignment % sizeof(void *)) return EINVAL;
    int saved = errno;
    void *p = aligned(alignment, size);
    if (!p) {
        errno = saved; /* posix_memalign reports through its result only */
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *own_aligned_alloc(size_t alignment, size_t size)
{
    if (!is_power_of_two(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    return aligned(alignment, size);
}

void *own_memalign(size_t alignment, size_t size)
{
    /* As glibc: an alignment that is not a power of two is rounded up to one. */
    if (alignment > ((size_t)1 << 62)) {
        errno = EINVAL;
        return NULL;
    }
    size_t rounded = 1;
    while (rounded < alignment)
        rounded <<= 1;
    return aligned(rounded, size);
}

void *own_valloc(size_t size)
{
    return aligned(OWN_OS_PAGE, size);
}

void *own_pvalloc(size_t size)
{
    if (size > SIZE_MAX - OWN_OS_PAGE) {
        errno = ENOMEM;
        return NULL;
    }
    size_t rounded = size ? (size + OWN_OS_PAGE - 1) & ~(size_t)(OWN_OS_PAGE - 1) : OWN_OS_PAGE;
    return aligned(OWN_OS_PAGE, rounded);
}
