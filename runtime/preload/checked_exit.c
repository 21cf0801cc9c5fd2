/* checked_exit.c: what the checked heap checks when the program ends (called by run_status.c's
 * destructor, after the program's exit handlers and before the count of errors goes to `own run`):
 * the leak scan first, while the stack holds as little of the checks' own data as it can; then
 * every block in quarantine (written after its free?) and every live block (redzones intact?). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "preload/checked.h"

#define DAMAGED_MAX 256 /* live blocks with a damaged redzone reported at exit, at most */

typedef struct damaged_blocks {
    own_checked_block *blocks[DAMAGED_MAX];
    unsigned count;
} damaged_blocks;

/* Collected under the registry's locks, reported after: a report allocates, and a nested free
 * looks blocks up in the registry. */
static void collect_damaged(own_checked_block *b, void *arg)
{
    damaged_blocks *d = arg;
    if (b->state == OWN_BLOCK_LIVE && !b->overflow_reported && d->count < DAMAGED_MAX &&
        own__redzones_damaged(b))
        d->blocks[d->count++] = b;
}

/* Whether a frame at `ip` belongs to the way out of the program: libown-malloc itself (`own`),
 * the C library (`libc`: exit, the exit handlers' loop, the return from main) or the dynamic
 * loader (its destructors' loop). */
static bool on_the_way_out(uintptr_t ip, const void *own, const void *libc)
{
    Dl_info frame;
    if (!dladdr((void *)ip, &frame) || !frame.dli_fbase) return false;
    if (frame.dli_fbase == own || frame.dli_fbase == libc) return true;
    return frame.dli_fname && strstr(frame.dli_fname, "/ld-linux");
}

/* Where this thread's live stack starts at exit: the stack pointer of the first frame, walking
 * out, that is the program's - the function that called exit(), or, when main returned, the
 * program's entry, so that main's frame, gone, is not a root. Below it lie the frames of the way
 * out and, in the slots those leave unwritten, copies of pointers from calls long returned (the
 * malloc of a block leaked since): scanned, they would hide the leak. The frame of this function
 * when the walk finds none. */
static uintptr_t live_stack_floor(void)
{
    uintptr_t floor = (uintptr_t)__builtin_frame_address(0);
    Dl_info own, libc;
    if (!dladdr((void *)&live_stack_floor, &own) || !dladdr((void *)&exit, &libc)) return floor;
    uintptr_t pcs[64], sps[64];
    unsigned count = own__stack_walk(pcs, sps, 64);
    for (unsigned i = 0; i < count; i++)
        if (!on_the_way_out(pcs[i] - 1, own.dli_fbase, libc.dli_fbase)) return sps[i];
    return floor;
}

void own__checked_exit(void)
{
    if (own__checked_mode != OWN_CHECKED_ON) return;
    uintptr_t stack_floor = live_stack_floor();
    bool was_inside = own__checked_inside;
    own__checked_inside = true; /* what the reports allocate is the plain heap's */
    own__checked_quarantine_freeze(true);
    if (own__options()->leaks) own__leaks_report(stack_floor);
    own__checked_quarantine_check_all();
    static damaged_blocks damaged;
    damaged.count = 0;
    own__checked_blocks_each(collect_damaged, &damaged);
    for (unsigned i = 0; i < damaged.count; i++)
        own__redzones_check(damaged.blocks[i], "found at exit", NULL);
    own__checked_inside = was_inside;
}
