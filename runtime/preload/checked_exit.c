/* checked_exit.c: what the checked heap checks when the program ends (called by run_status.c's
 * destructor, after the program's exit handlers and before the count of errors goes to `own run`):
 * the leak scan first, while the stack holds as little of the checks' own data as it can; then
 * every block in quarantine (written after its free?) and every live block (redzones intact?). */
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

void own__checked_exit(void)
{
    if (own__checked_mode != OWN_CHECKED_ON) return;
    uintptr_t stack_floor = (uintptr_t)__builtin_frame_address(0);
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
