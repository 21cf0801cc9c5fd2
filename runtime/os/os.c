/* os.c: mmap-based address space for the heap (Linux). */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>

#include "os/os.h"

void *own__os_map_aligned(size_t size, size_t alignment)
{
    if (size + alignment < size) {
        errno = ENOMEM;
        return NULL;
    }
    /* Try the exact size first: the kernel often returns aligned addresses for large maps. */
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    if (((uintptr_t)p & (alignment - 1)) == 0) return p;
    munmap(p, size);
    /* Over-allocate and trim both ends to reach the alignment. */
    size_t span = size + alignment;
    char *raw = mmap(NULL, span, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) {
        errno = ENOMEM;
        return NULL;
    }
    char *aligned = (char *)(((uintptr_t)raw + alignment - 1) & ~(uintptr_t)(alignment - 1));
    if (aligned > raw) munmap(raw, (size_t)(aligned - raw));
    size_t tail = (size_t)((raw + span) - (aligned + size));
    if (tail) munmap(aligned + size, tail);
    return aligned;
}

void own__os_unmap(void *p, size_t size)
{
    if (p) munmap(p, size);
}

void own__os_decommit(void *p, size_t size)
{
    madvise(p, size, MADV_DONTNEED);
}

uint64_t own__os_coarse_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
