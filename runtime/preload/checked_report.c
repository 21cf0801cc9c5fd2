/* checked_report.c: the stacks the checked heap keeps for each block (allocation, free) and the
 * lines of a report that show them. A stack is captured on every allocation and free, so that a
 * report made later (a redzone found damaged at exit, a leak) can still say where the block came
 * from; it is named (libdw, in backtrace.c) only when a report is written. */

#include "preload/checked.h"

void own__stack_capture(own_checked_stack *stack, const void *caller)
{
    void *frames[OWN_BACKTRACE_FRAMES];
    bool was_inside = own__checked_inside;
    own__checked_inside = true; /* an unwinder that allocates gets the plain heap */
    unsigned count = own__backtrace_capture(frames, OWN_BACKTRACE_FRAMES);
    own__checked_inside = was_inside;
    /* Keep from the frame before the program's call: one of ours, which the report leaves out
     * and which makes the program's first frame a return address, looked up at its call. */
    unsigned first = 0;
    for (unsigned i = 1; i < count; i++) {
        if (frames[i] == caller) {
            first = i - 1;
            break;
        }
    }
    unsigned depth = count - first;
    if (depth > OWN_CHECKED_FRAMES) depth = OWN_CHECKED_FRAMES;
    stack->own_frame = depth ? frames[first] : NULL;
    stack->frames = depth > 1 ? own__depot_put(frames + first + 1, depth - 1) : 0;
    stack->caller = caller;
    stack->thread = own__thread_number();
}

unsigned own__stack_frames(const own_checked_stack *stack, void **frames)
{
    if (!stack->own_frame) return 0;
    frames[0] = stack->own_frame;
    return 1 + own__depot_get(stack->frames, frames + 1, OWN_CHECKED_FRAMES - 1);
}

/* Frame 0 is libown's own and differs with the entry point (malloc, calloc, realloc): the
 * program's frames decide, and the depot gives one stack one number. */
bool own__stack_same(const own_checked_stack *a, const own_checked_stack *b)
{
    return a->caller == b->caller && a->frames == b->frames;
}

void own__report_stack_frames(own_report *r, const char *title, const own_checked_stack *stack)
{
    void *frames[OWN_CHECKED_FRAMES];
    own__report_backtrace(r, title, frames, own__stack_frames(stack, frames));
}

void own__report_stack(own_report *r, const char *what, const char *title,
                       const own_checked_stack *stack)
{
    own_site site = {.code = stack->caller, .thread = stack->thread};
    own__report_note(r, what, &site);
    if (own__options()->backtrace) own__report_stack_frames(r, title, stack);
}
