/* own/heap.h: the heap of libown, the whole malloc family under the own_ prefix.
 * Same contracts as C11 and POSIX (errno, realloc(p, 0), overflow checks); a pointer own never gave
 * out reaching own_free or own_realloc is reported as invalid-handle, never a crash. */
#ifndef OWN_HEAP_H
#define OWN_HEAP_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define OWN_API             __attribute__((visibility("default")))
#define OWN_MALLOC_LIKE     __attribute__((malloc, warn_unused_result))
#define OWN_ALLOC_SIZE(...) __attribute__((alloc_size(__VA_ARGS__)))
#else
#define OWN_API
#define OWN_MALLOC_LIKE
#define OWN_ALLOC_SIZE(...)
#endif

OWN_API void *own_malloc(size_t size) OWN_MALLOC_LIKE OWN_ALLOC_SIZE(1);
OWN_API void *own_calloc(size_t count, size_t size) OWN_MALLOC_LIKE OWN_ALLOC_SIZE(1, 2);
OWN_API void *own_realloc(void *p, size_t size) OWN_ALLOC_SIZE(2);
OWN_API void *own_reallocarray(void *p, size_t count, size_t size) OWN_ALLOC_SIZE(2, 3);
OWN_API void own_free(void *p);
OWN_API int own_posix_memalign(void **out, size_t alignment, size_t size);
OWN_API void *own_aligned_alloc(size_t alignment, size_t size) OWN_MALLOC_LIKE OWN_ALLOC_SIZE(2);
OWN_API void *own_memalign(size_t alignment, size_t size) OWN_MALLOC_LIKE OWN_ALLOC_SIZE(2);
OWN_API void *own_valloc(size_t size) OWN_MALLOC_LIKE OWN_ALLOC_SIZE(1);
OWN_API void *own_pvalloc(size_t size) OWN_MALLOC_LIKE;
OWN_API size_t own_malloc_usable_size(const void *p);

/* ---- For the inline fast paths of owner.h -------------------------------------------------- */

/* Where the heap has mapped memory: one byte per 4 MiB slot of the address space, not 0 where it
 * has; `slots` is 0 until the map exists. A copy, for code outside the library, of the heap's own
 * map (runtime/heap/segment.c), which the library reaches without a trip through the GOT. */
#define OWN__SLOT_SHIFT 22
struct own__address_map {
    _Atomic uintptr_t slots;
    _Atomic(const unsigned char *) bytes;
};
OWN_API extern struct own__address_map own__address_map;

/* ---- Statistics --------------------------------------------------------------------------- */

/* Number of small and medium size classes; bigger blocks are "huge", one mapping each. */
#define OWN_SIZE_CLASSES 64

typedef struct own_class_stats {
    size_t block_size; /* bytes per block in this class */
    size_t blocks;     /* blocks allocated now */
    size_t pages;      /* pages (runs of 64 KiB slices) serving this class */
} own_class_stats;

typedef struct own_heap_stats {
    size_t
        allocated_bytes; /* bytes in blocks handed out and not freed (block sizes, not requests) */
    size_t allocated_blocks;
    size_t resident_bytes; /* bytes own holds from the OS and has not given back (committed) */
    size_t mapped_bytes;   /* address space own holds, committed or not */
    size_t peak_resident_bytes;
    size_t huge_blocks; /* blocks bigger than the largest class, each in its own mapping */
    size_t huge_bytes;
    size_t segments;    /* 4 MiB segments in use (small and medium blocks live there) */
    size_t class_count; /* entries of classes[] in use */
    own_class_stats classes[OWN_SIZE_CLASSES];
} own_heap_stats;

/* Fills *out with a snapshot of the whole process's heap. Safe to call from any thread at any
 * time; counts from other threads may be a few operations stale. */
OWN_API void own_heap_stats_get(own_heap_stats *out);
/* Prints the snapshot as a table (what OWN_OPTIONS=stats=1 prints at exit). */
OWN_API void own_heap_stats_print(FILE *out);
/* Gives free memory held in caches back to the OS now (the policy of the README does it lazily). */
OWN_API void own_heap_trim(void);

#ifdef __cplusplus
}
#endif
#endif
