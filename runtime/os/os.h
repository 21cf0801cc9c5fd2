/* os.h: the platform layer — address space and pages from the kernel. Everything the heap asks of
 * the OS goes through here. */
#ifndef OWN_OS_H
#define OWN_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

#define OWN_OS_PAGE 4096u

/* Reserves and commits `size` bytes aligned to `alignment` (a power of two, at least a page).
 * Returns NULL (errno ENOMEM) when the kernel refuses. */
own_internal void *own__os_map_aligned(size_t size, size_t alignment);
own_internal void own__os_unmap(void *p, size_t size);
/* Tells the kernel the pages are free: RSS falls, contents become zero on next touch. */
own_internal void own__os_decommit(void *p, size_t size);

/* A monotonic clock in nanoseconds, only as fine as the kernel's tick (a few milliseconds) and so
 * cheap enough for a slow path to read at every call: for policies measured in seconds. */
own_internal uint64_t own__os_coarse_ns(void);

#endif
