/* checked.h: the checked heap of libown-malloc.so (OWN_OPTIONS=checked=1, what `own run` uses),
 * shared by the files of runtime/preload/. It is built on own_malloc/own_free: every block the
 * program gets is carved out of a bigger block of own's heap, laid out as
 *
 *   base                        user (16-aligned, or as asked)           end of the base block
 *   | padding | header | left rz | size bytes the program asked for | right redzone |
 *
 * (padding only for an alignment above 16; the header holds links, size, stacks and a canary)
 *
 * The header (own_checked_block) sits right before the user bytes, so the user address finds it;
 * its last bytes are the left redzone. The right redzone runs from the end of the user bytes to
 * the end of the base block (at least OWN_REDZONE bytes, at most OWN_TAIL_MAX are checked). Both
 * hold OWN_REDZONE_BYTE; a changed byte is a heap-overflow (redzone.c), found when the block is
 * freed or resized and, for blocks still live, at exit.
 *
 * A freed block is not given back at once: it keeps its header, its user bytes are filled with
 * OWN_FREED_BYTE (a big one's whole pages are made inaccessible instead: guard.c) and it waits in
 * a quarantine bounded in bytes (quarantine.c). When newer frees push it out (or at exit) a
 * changed byte is a use-after-free, reported with the stacks of its free and allocation; a second
 * free while it waits is a double-free naming the first.
 *
 * Every checked block, live or in quarantine, is in a hash table keyed by its user address
 * (registry.c): free of a pointer finds its header there, never by trusting the bytes in front of
 * an arbitrary pointer, and at exit the table lists the live blocks for the leak scan (leaks.c).
 *
 * Re-entrancy: naming frames in a report (libdw), unwinding and libc's own helpers may call malloc
 * while the checked heap is working. A thread-local flag routes such calls to the plain heap; the
 * checked free, realloc and malloc_usable_size tell the plain blocks from checked ones by the hash
 * table. No lock of the checked heap is held while a report is written or a stack captured. */
#ifndef OWN_PRELOAD_CHECKED_H
#define OWN_PRELOAD_CHECKED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

#define OWN_CHECKED_FRAMES 16   /* stack frames kept per allocation and per free */
#define OWN_REDZONE        16   /* right redzone at least */
#define OWN_TAIL_MAX       1024 /* right redzone bytes filled and checked at most */
#define OWN_REDZONE_BYTE   0xfb
#define OWN_FREED_BYTE     0xfd

/* The mode, read once on the first call: the exports test it with one compare. */
enum { OWN_CHECKED_UNKNOWN = 0, OWN_CHECKED_OFF = 1, OWN_CHECKED_ON = 2, OWN_CHECKED_STARTING = 3 };
own_internal extern int own__checked_mode;

/* Inside the checked heap on this thread: nested calls use the plain heap. */
own_internal extern __thread bool own__checked_inside;

enum own_checked_state { OWN_BLOCK_NONE = 0, OWN_BLOCK_LIVE = 1, OWN_BLOCK_FREED = 2 };

/* A call stack kept once in the depot (stack_depot.c); 0 for none. */
typedef uint32_t own_stack_id;

/* Where a block was allocated or freed: the program's call (the site) and the stack under it.
 * The stack's first frame is one of libown-malloc.so, left out when shown, which differs with
 * the entry point (malloc, calloc, realloc): it is kept here, and the program's frames, the same
 * for every block made at one place, in the depot. */
typedef struct own_checked_stack {
    const void *caller;
    void *own_frame;     /* the frame of libown-malloc.so, NULL when no stack was taken */
    own_stack_id frames; /* the frames under it */
    unsigned thread;
} own_checked_stack;

typedef struct __attribute__((aligned(16))) own_checked_block {
    struct own_checked_block *bucket_next;     /* registry.c's hash chain */
    struct own_checked_block **bucket_link;    /* what points at this block in the chain */
    struct own_checked_block *quarantine_next; /* quarantine.c's queue */
    size_t size;                               /* bytes the program asked for */
    size_t base_offset;                        /* user address - base address */
    size_t tail;                               /* right redzone bytes filled */
    uint32_t state;                            /* enum own_checked_state */
    uint8_t overflow_reported;                 /* a damaged redzone is reported once */
    uint8_t guard;                             /* freed: enum own_guard_state (guard.c) */
    uint16_t resizes;                          /* reallocs it went through (checked_alloc.c) */
    own_checked_stack allocated, freed;
    uint64_t canary; /* its own address ^ OWN_CANARY: a write further before the block */
    uint8_t left_redzone[OWN_REDZONE]; /* and the struct's padding, up to the user bytes */
} own_checked_block;

#define OWN_CANARY ((uint64_t)0x6f776e2d72656430u)

static inline uint8_t *own__checked_user(own_checked_block *b)
{
    return (uint8_t *)(b + 1);
}
/* Whether the `size` bytes at `bytes` all hold `value`: a word at a time, for the common case of a
 * fill nothing wrote over (the caller looks for the first changed byte only when one is). */
static inline bool own__bytes_all(const uint8_t *bytes, size_t size, uint8_t value)
{
    const uint64_t pattern = value * UINT64_C(0x0101010101010101);
    uint64_t differ = 0;
    size_t words = size / 8;
    for (size_t i = 0; i < words; i++) {
        uint64_t w;
        __builtin_memcpy(&w, bytes + i * 8, 8);
        differ |= w ^ pattern;
    }
    for (size_t i = words * 8; i < size; i++)
        differ |= bytes[i] ^ value;
    return differ == 0;
}
static inline own_checked_block *own__checked_header(const void *user)
{
    return (own_checked_block *)user - 1;
}

/* ---- The checked malloc family (checked_alloc.c), called by exports.c ------------------- */
own_internal void *own__checked_malloc(size_t size, const void *caller);
own_internal void *own__checked_calloc(size_t count, size_t size, const void *caller);
own_internal void *own__checked_realloc(void *p, size_t size, const void *caller);
own_internal void *own__checked_reallocarray(void *p, size_t count, size_t size,
                                             const void *caller);
own_internal void own__checked_free(void *p, const void *caller);
own_internal int own__checked_posix_memalign(void **out, size_t alignment, size_t size,
                                             const void *caller);
own_internal void *own__checked_aligned_alloc(size_t alignment, size_t size, const void *caller);
own_internal void *own__checked_memalign(size_t alignment, size_t size, const void *caller);
own_internal void *own__checked_valloc(size_t size, bool round_size, const void *caller);
own_internal size_t own__checked_usable_size(void *p, const void *caller);
/* The checks made when the program ends (checked_exit.c): quarantine, live redzones, leaks. */
own_internal void own__checked_exit(void);

/* ---- The depot of call stacks (stack_depot.c) --------------------------------------------- */
/* The number of the stack of `depth` frames (0 when none could be kept). Lock-free. */
own_internal own_stack_id own__depot_put(void *const *frames, unsigned depth);
/* Copies up to `room` frames of stack `id` to `frames`; returns how many. */
own_internal unsigned own__depot_get(own_stack_id id, void **frames, unsigned room);
/* The depot's mapping (none yet: NULL), which holds no pointer to a block. */
own_internal void own__depot_extent(const void **start, size_t *size);

/* ---- Stacks and the parts of reports they make (checked_report.c) ----------------------- */
own_internal void own__stack_capture(own_checked_stack *stack, const void *caller);
/* The whole stack, libown's frame first, in `frames` (OWN_CHECKED_FRAMES of room): its depth. */
own_internal unsigned own__stack_frames(const own_checked_stack *stack, void **frames);
own_internal bool own__stack_same(const own_checked_stack *a, const own_checked_stack *b);
/* "= TITLE:" and the frames of `stack`. */
own_internal void own__report_stack_frames(own_report *r, const char *title,
                                           const own_checked_stack *stack);
/* "= note: WHAT at SITE" and, with backtrace=1, "= TITLE:" and its frames. */
own_internal void own__report_stack(own_report *r, const char *what, const char *title,
                                    const own_checked_stack *stack);

/* ---- Redzones (redzone.c) ---------------------------------------------------------------- */
own_internal void own__redzones_fill(own_checked_block *b);
/* Reports a damaged redzone once per block (heap-overflow); `when` ends the first line, e.g.
 * "found when it was freed". `here` is the site of the check, NULL when found at exit. */
own_internal bool own__redzones_damaged(const own_checked_block *b);
own_internal void own__redzones_check(own_checked_block *b, const char *when, const own_site *here);

/* ---- Guarded pages of big freed blocks (guard.c) ----------------------------------------- */
#define OWN_GUARD_MIN (64 * 1024) /* a freed block this big is guarded rather than filled */
enum own_guard_state {
    OWN_GUARD_NONE,   /* filled with OWN_FREED_BYTE, if freed */
    OWN_GUARD_ON,     /* its whole pages inaccessible, the bytes around them filled */
    OWN_GUARD_OPENED, /* an access was reported and let through: its pages hold zeros */
};
/* The whole pages of b's user bytes, [*start, *end): whether b is big enough to guard them. */
own_internal bool own__guard_pages(const own_checked_block *b, uintptr_t *start, uintptr_t *end);
/* Guards a block just freed, filling the bytes around its pages; false: fill it all instead. */
own_internal bool own__guard_freed(own_checked_block *b);
/* Makes a guarded block's pages accessible again, before it goes back to own's heap. */
own_internal void own__guard_release(own_checked_block *b);
/* Installs the SIGSEGV handler that reports an access to guarded pages. */
own_internal void own__guard_start(void);

/* ---- Quarantine (quarantine.c) ----------------------------------------------------------- */
/* Fills the block with OWN_FREED_BYTE (or guards it) and holds it back; what it pushes out is
 * checked and given back to own's heap. */
own_internal void own__checked_quarantine_put(own_checked_block *b);
/* Checks every block held back (at exit), keeping them. */
own_internal void own__checked_quarantine_check_all(void);
/* With true, no block leaves quarantine until called with false: at exit, the checks read
 * blocks that other threads may be freeing meanwhile. */
own_internal void own__checked_quarantine_freeze(bool freeze);
/* Takes (true) or releases the quarantine's lock: for fork, so that the child finds it free. */
own_internal void own__checked_quarantine_hold(bool hold);

/* ---- The registry of checked blocks (registry.c) ---------------------------------------- */
own_internal bool own__checked_blocks_start(void);
own_internal void own__checked_blocks_add(own_checked_block *b);
/* The state of the block at `user`; for a block in the table, a copy of its header (taken under
 * the lock, so that it stays valid however other threads go on) when `copy` is not NULL. */
own_internal enum own_checked_state own__checked_blocks_find(const void *user,
                                                             own_checked_block *copy);
/* Live → freed for the block at `user`, returning its header; NULL when it is not live, with
 * *state saying what it is and *copy (when freed) the header as own__checked_blocks_find gives it.
 */
own_internal own_checked_block *own__checked_blocks_retire(const void *user,
                                                           enum own_checked_state *state,
                                                           own_checked_block *copy);
own_internal void own__checked_blocks_remove(own_checked_block *b);
/* Calls visit for every block in the table, one stripe of the table locked at a time. */
own_internal void own__checked_blocks_each(void (*visit)(own_checked_block *b, void *arg),
                                           void *arg);
/* The registry's own mapping, which the leak scan must not take for program memory. */
own_internal void own__checked_blocks_extent(const void **start, size_t *size);
/* Every lock of the checked heap, for fork (taken before, released after in both processes). */
own_internal void own__checked_blocks_lock_all(bool lock);

/* ---- Leaks (leaks.c) --------------------------------------------------------------------- */
/* At exit: the live blocks no live memory points to, one report per allocation stack. This
 * thread's stack counts from stack_floor up (the frames below are the exit checks' own). */
own_internal void own__leaks_report(uintptr_t stack_floor);

/* ---- Threads (threads.c) ----------------------------------------------------------------- */
#define OWN_FOLLOWED_THREADS 256 /* threads whose frames are followed at once; more are not */
/* Calls `each` for every followed thread that has ended: its stack [low, high) and its frames
 * [low, frames_end), dead words, which the leak scan does not take for roots while the stack is
 * still mapped as it was. */
own_internal void own__ended_stacks_each(void (*each)(uintptr_t low, uintptr_t frames_end,
                                                      uintptr_t high, void *arg),
                                         void *arg);

#endif
