/* checked_alloc.c: the malloc family of the checked heap (OWN_OPTIONS=checked=1), on top of
 * own_malloc and own_free, and the decision, on the first call, whether it is on. Each block gets
 * a header, redzones, its allocation stack and a place in the registry; a free checks the redzones
 * and sends the block to quarantine; realloc moves the block, so that a pointer kept from before
 * the move is caught like any use after free, until the block has been resized OWN_MOVES times
 * (see resize_in_place). Layout and re-entrancy: checked.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include <own/heap.h>

#include "heap/heap.h"
#include "preload/checked.h"

int own__checked_mode;
__thread bool own__checked_inside;

/* ---- Mode ---------------------------------------------------------------------------------- */

/* The child is a copy of one thread: no lock may be held by a thread it does not have. */
static void before_fork(void)
{
    own__checked_quarantine_hold(true);
    own__checked_blocks_lock_all(true);
}
static void after_fork(void)
{
    own__checked_blocks_lock_all(false);
    own__checked_quarantine_hold(false);
}

/* Starts the checked heap if OWN_OPTIONS asks for it. The first call may come from the dynamic
 * loader or libc's start-up, before any constructor: everything here works without them. */
static void decide(void)
{
    int expected = OWN_CHECKED_UNKNOWN;
    if (!__atomic_compare_exchange_n(&own__checked_mode, &expected, OWN_CHECKED_STARTING, false,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&own__checked_mode, __ATOMIC_ACQUIRE) == OWN_CHECKED_STARTING) {
        }
        return;
    }
    int mode = OWN_CHECKED_OFF;
    if (own__options()->checked) {
        own__checked_inside = true; /* what the start-up allocates is the plain heap's */
        own_free(own_malloc(1));    /* the heap's fork hooks first: ours then run before them */
        if (own__checked_blocks_start()) {
            own__report_keep_stderr(); /* exit checks run after the program's exit handlers */
            pthread_atfork(before_fork, after_fork, after_fork);
            own__guard_start();
            mode = OWN_CHECKED_ON;
        }
        own__checked_inside = false;
    }
    __atomic_store_n(&own__checked_mode, mode, __ATOMIC_RELEASE);
}

/* Whether this call takes the checked path: on, and not nested inside the checked heap. */
static bool checking(void)
{
    if (own__checked_inside) return false;
    int mode = __atomic_load_n(&own__checked_mode, __ATOMIC_ACQUIRE);
    if (own_unlikely(mode != OWN_CHECKED_ON && mode != OWN_CHECKED_OFF)) {
        decide();
        mode = __atomic_load_n(&own__checked_mode, __ATOMIC_ACQUIRE);
    }
    return mode == OWN_CHECKED_ON;
}

/* ---- Allocation ---------------------------------------------------------------------------- */

/* A block of `size` bytes, with `room` more in its base block for it to grow into in place. */
static void *allocate_with_room(size_t size, size_t room, size_t alignment, bool zero,
                                const void *caller)
{
    size_t offset = sizeof(own_checked_block);
    if (alignment > 16) offset = (offset + alignment - 1) & ~(alignment - 1);
    size_t total;
    if (__builtin_add_overflow(size, offset + OWN_REDZONE, &total) ||
        __builtin_add_overflow(total, room, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    bool was_inside = own__checked_inside;
    own__checked_inside = true;
    uint8_t *base = alignment > 16 ? own_memalign(alignment, total) : own_malloc(total);
    size_t usable = base ? own_malloc_usable_size(base) : 0;
    own__checked_inside = was_inside;
    if (!base) return NULL;
    uint8_t *user = base + offset;
    own_checked_block *b = own__checked_header(user);
    b->size = size;
    b->base_offset = offset;
    b->tail = usable - offset - size < OWN_TAIL_MAX ? usable - offset - size : OWN_TAIL_MAX;
    b->state = OWN_BLOCK_LIVE;
    b->overflow_reported = 0;
    b->guard = OWN_GUARD_NONE;
    b->resizes = 0;
    b->freed.own_frame = NULL;
    b->freed.frames = 0;
    own__redzones_fill(b);
    if (zero) memset(user, 0, size);
    own__stack_capture(&b->allocated, caller);
    own__checked_blocks_add(b);
    return user;
}

static void *allocate(size_t size, size_t alignment, bool zero, const void *caller)
{
    return allocate_with_room(size, 0, alignment, zero, caller);
}

void *own__checked_malloc(size_t size, const void *caller)
{
    if (!checking()) return own_malloc(size);
    return allocate(size, 16, false, caller);
}

void *own__checked_calloc(size_t count, size_t size, const void *caller)
{
    if (!checking()) return own_calloc(count, size);
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return allocate(total, 16, true, caller);
}

static bool is_power_of_two(size_t x)
{
    return x && !(x & (x - 1));
}

int own__checked_posix_memalign(void **out, size_t alignment, size_t size, const void *caller)
{
    if (!checking()) return own_posix_memalign(out, alignment, size);
    if (!is_power_of_two(alignment) || alignment % sizeof(void *)) return EINVAL;
    int saved = errno;
    void *p = allocate(size, alignment, false, caller);
    if (!p) {
        errno = saved; /* posix_memalign reports through its result only */
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *own__checked_aligned_alloc(size_t alignment, size_t size, const void *caller)
{
    if (!checking()) return own_aligned_alloc(alignment, size);
    if (!is_power_of_two(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    return allocate(size, alignment, false, caller);
}

void *own__checked_memalign(size_t alignment, size_t size, const void *caller)
{
    if (!checking()) return own_memalign(alignment, size);
    if (alignment > ((size_t)1 << 40)) {
        errno = EINVAL;
        return NULL;
    }
    size_t rounded = 1; /* as glibc: rounded up to a power of two */
    while (rounded < alignment)
        rounded <<= 1;
    return allocate(size, rounded, false, caller);
}

void *own__checked_valloc(size_t size, bool round_size, const void *caller)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    if (!checking()) return round_size ? own_pvalloc(size) : own_valloc(size);
    if (round_size) {
        if (size > SIZE_MAX - page) {
            errno = ENOMEM;
            return NULL;
        }
        size = (size + page - 1) & ~(page - 1);
    }
    return allocate(size, page, false, caller);
}

/* ---- Pointers the registry does not know ---------------------------------------------------- */

/* A pointer inside a live checked block of a small page (the common case of a free of an interior
 * pointer): reported with the offsets the program knows. Else the plain heap judges it. */
static bool report_interior(const void *p, const char *what, const void *caller)
{
    if (own__map_mark(p) != OWN_MAP_SMALL) return false;
    own_page *page = own__page_of(own__segment_at(p), p);
    const uint8_t *start = own__page_start(page);
    if (!page->block_size || (const uint8_t *)p < start) return false;
    const uint8_t *base =
        start + (size_t)((const uint8_t *)p - start) / page->block_size * page->block_size;
    const uint8_t *user = base + sizeof(own_checked_block);
    own_checked_block copy;
    if (own__checked_blocks_find(user, &copy) != OWN_BLOCK_LIVE || (const uint8_t *)p < user ||
        (const uint8_t *)p >= user + copy.size)
        return false;
    own_report r;
    own_site here = {.code = caller, .thread = own__thread_number()};
    own__report_begin(&r, "free-interior", "%s of %p, %zu bytes into a block of %zu bytes", what, p,
                      (size_t)((const uint8_t *)p - user), copy.size);
    own__report_at(&r, &here);
    own__report_stack(&r, "allocated", "allocation stack", &copy.allocated);
    own__report_line(&r, "   = help: pass the pointer the allocation returned");
    own__report_finish(&r);
    return true;
}

/* A pointer freed twice, or used by realloc/malloc_usable_size after its free. */
static void report_freed(const own_checked_block *copy, const void *p, const char *what,
                         const void *caller)
{
    own_report r;
    own_site here = {.code = caller, .thread = own__thread_number()};
    if (!strcmp(what, "free"))
        own__report_begin(&r, "double-free", "block of %zu bytes freed twice (%p)", copy->size, p);
    else
        own__report_begin(&r, "use-after-free",
                          "block of %zu bytes passed to %s after it was "
                          "freed (%p)",
                          copy->size, what, p);
    own__report_at(&r, &here);
    own__report_stack(&r, !strcmp(what, "free") ? "first freed" : "freed", "free stack",
                      &copy->freed);
    own__report_stack(&r, "allocated", "allocation stack", &copy->allocated);
    own__report_finish(&r);
}

/* ---- Free, realloc, usable size ------------------------------------------------------------- */

static void release(void *p, const void *caller)
{
    enum own_checked_state state;
    own_checked_block copy;
    own_checked_block *b = own__checked_blocks_retire(p, &state, &copy);
    if (b) {
        own__stack_capture(&b->freed, caller);
        own_site here = {.code = caller, .thread = own__thread_number()};
        own__redzones_check(b, "found when it was freed", &here);
        own__checked_quarantine_put(b);
    } else if (state == OWN_BLOCK_FREED) {
        report_freed(&copy, p, "free", caller);
    } else if (!report_interior(p, "free", caller)) {
        bool was_inside = own__checked_inside;
        own__checked_inside = true; /* a plain block (made while nested), or a bad pointer */
        own__free_at(p, caller);
        own__checked_inside = was_inside;
    }
}

void own__checked_free(void *p, const void *caller)
{
    if (!p) return;
    if (!checking()) {
        /* Nested (a report naming frames frees what it allocated): the plain heap's, unless
         * the registry knows the block. */
        if (own__checked_mode == OWN_CHECKED_ON &&
            own__checked_blocks_find(p, NULL) == OWN_BLOCK_LIVE) {
            bool was_inside = own__checked_inside;
            own__checked_inside = false;
            release(p, caller);
            own__checked_inside = was_inside;
            return;
        }
        own__free_at(p, caller);
        return;
    }
    release(p, caller);
}

size_t own__checked_usable_size(void *p, const void *caller)
{
    if (!p) return 0;
    own_checked_block copy;
    enum own_checked_state state =
        own__checked_mode == OWN_CHECKED_ON ? own__checked_blocks_find(p, &copy) : OWN_BLOCK_NONE;
    if (state == OWN_BLOCK_LIVE) return copy.size;
    if (state == OWN_BLOCK_FREED) {
        report_freed(&copy, p, "malloc_usable_size", caller);
        return 0;
    }
    if (own__checked_mode == OWN_CHECKED_ON && report_interior(p, "malloc_usable_size", caller))
        return 0;
    return own__usable_size(p, caller);
}

/* Each realloc moves the block, so that a pointer kept from before it is caught, until the block
 * has been resized OWN_MOVES times: a buffer grown a little at a time (gawk's string concatenation,
 * 400,000 reallocs of one more byte) would otherwise be copied whole each time, and cost time in
 * the square of its size. After that, a realloc within the room its base block has keeps the block
 * where it is: its redzone moves to the new end. */
#define OWN_MOVES 16

/* A block's count of resizes after one more (it stops at its maximum). */
static uint16_t resized(uint16_t resizes)
{
    return resizes < UINT16_MAX ? (uint16_t)(resizes + 1) : UINT16_MAX;
}

static bool resize_in_place(own_checked_block *b, size_t size, const void *caller)
{
    if (b->base_offset != sizeof(own_checked_block)) return false; /* over-aligned: moved */
    uint8_t *base = own__checked_user(b) - b->base_offset;
    bool was_inside = own__checked_inside;
    own__checked_inside = true;
    size_t usable = own_malloc_usable_size(base);
    own__checked_inside = was_inside;
    if (size > usable - b->base_offset - OWN_REDZONE) return false;
    b->size = size;
    size_t after = usable - b->base_offset - size;
    b->tail = after < OWN_TAIL_MAX ? after : OWN_TAIL_MAX;
    /* the bytes the block gains held the redzone: like malloc's, they hold nothing yet */
    own__redzones_fill(b);
    own__stack_capture(&b->allocated, caller);
    b->resizes = resized(b->resizes);
    return true;
}

void *own__checked_realloc(void *p, size_t size, const void *caller)
{
    if (!checking() && !(own__checked_mode == OWN_CHECKED_ON && p &&
                         own__checked_blocks_find(p, NULL) != OWN_BLOCK_NONE))
        return own_realloc(p, size);
    if (!p) return allocate(size, 16, false, caller);
    own_checked_block copy;
    enum own_checked_state state = own__checked_blocks_find(p, &copy);
    if (state == OWN_BLOCK_FREED) {
        report_freed(&copy, p, "realloc", caller);
        errno = EINVAL;
        return NULL;
    }
    if (state == OWN_BLOCK_NONE) {
        if (report_interior(p, "realloc", caller)) {
            errno = EINVAL;
            return NULL;
        }
        return own_realloc(p, size); /* a plain block, or a bad pointer the heap reports */
    }
    if (size == 0) {
        release(p, caller);
        return NULL;
    }
    own_site here = {.code = caller, .thread = own__thread_number()};
    own_checked_block *b = own__checked_header(p);
    own__redzones_check(b, "found when it was resized", &here);
    if (b->resizes >= OWN_MOVES && resize_in_place(b, size, caller)) return p;
    /* A block resized that often is a growing buffer: room to grow in place next time, as much
     * again as it holds, so that copying it costs time in proportion to its size in all. */
    size_t room = b->resizes + 1 >= OWN_MOVES && size > copy.size ? size : 0;
    void *moved = allocate_with_room(size, room, 16, false, caller);
    if (!moved) return NULL; /* the block stays as it was */
    memcpy(moved, p, size < copy.size ? size : copy.size);
    own__checked_header(moved)->resizes = resized(b->resizes);
    release(p, caller);
    return moved;
}

void *own__checked_reallocarray(void *p, size_t count, size_t size, const void *caller)
{
    size_t total;
    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    return own__checked_realloc(p, total, caller);
}
