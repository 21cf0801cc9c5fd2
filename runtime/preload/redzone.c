/* redzone.c: the bytes around each checked block, filled with OWN_REDZONE_BYTE when it is
 * allocated and compared when it is freed, resized, leaves quarantine or the program ends. A
 * changed byte is a heap-overflow: how far past the end (or before the start) the farthest
 * changed byte lies says how long the write was. Layout: checked.h. */
#include <string.h>

#include "preload/checked.h"

#define LEFT_OFFSET offsetof(own_checked_block, left_redzone)
#define LEFT_SIZE   (sizeof(own_checked_block) - LEFT_OFFSET)

static uint64_t canary_of(const own_checked_block *b)
{
    return (uint64_t)(uintptr_t)b ^ OWN_CANARY;
}

void own__redzones_fill(own_checked_block *b)
{
    b->canary = canary_of(b);
    memset((uint8_t *)b + LEFT_OFFSET, OWN_REDZONE_BYTE, LEFT_SIZE);
    memset(own__checked_user(b) + b->size, OWN_REDZONE_BYTE, b->tail);
}

/* Bytes past the end up to the farthest changed one, 0 when the right redzone is intact. */
static size_t written_after(const own_checked_block *b)
{
    const uint8_t *tail = own__checked_user((own_checked_block *)b) + b->size;
    if (own__bytes_all(tail, b->tail, OWN_REDZONE_BYTE)) return 0;
    for (size_t i = b->tail; i > 0; i--)
        if (tail[i - 1] != OWN_REDZONE_BYTE) return i;
    return 0;
}

/* Bytes before the start down to the farthest changed one, 0 when the left redzone is intact;
 * a changed canary (further away) counts as the whole redzone and the canary. */
static size_t written_before(const own_checked_block *b)
{
    if (b->canary != canary_of(b)) return LEFT_SIZE + sizeof b->canary;
    const uint8_t *left = (const uint8_t *)b + LEFT_OFFSET;
    if (own__bytes_all(left, LEFT_SIZE, OWN_REDZONE_BYTE)) return 0;
    for (size_t i = 0; i < LEFT_SIZE; i++)
        if (left[i] != OWN_REDZONE_BYTE) return LEFT_SIZE - i;
    return 0;
}

bool own__redzones_damaged(const own_checked_block *b)
{
    return written_after(b) || written_before(b);
}

void own__redzones_check(own_checked_block *b, const char *when, const own_site *here)
{
    if (b->overflow_reported) return;
    size_t after = written_after(b), before = after ? 0 : written_before(b);
    if (!after && !before) return;
    b->overflow_reported = 1;
    own_report r;
    if (after)
        own__report_begin(&r, "heap-overflow",
                          "block of %zu bytes written past its end (%zu byte%s after it), %s",
                          b->size, after, after == 1 ? "" : "s", when);
    else
        own__report_begin(&r, "heap-overflow",
                          "block of %zu bytes written before its start (%s%zu byte%s before "
                          "it), %s",
                          b->size, before > LEFT_SIZE ? "more than " : "",
                          before > LEFT_SIZE ? LEFT_SIZE : before, before == 1 ? "" : "s", when);
    if (here) {
        own__report_at(&r, here); /* the free or realloc that found it: its stack is here */
        own__report_stack(&r, "allocated", "allocation stack", &b->allocated);
    } else {
        /* Found by a later check: the allocation is the site that tells the most. */
        own_site site = {.code = b->allocated.caller, .thread = b->allocated.thread};
        own__report_found_at(&r, &site);
        if (b->state == OWN_BLOCK_FREED) own__report_stack(&r, "freed", "free stack", &b->freed);
        if (own__options()->backtrace)
            own__report_stack_frames(&r, "allocation stack", &b->allocated);
    }
    own__report_line(&r, "   = help: size the block for everything written into it, the "
                         "terminating NUL included");
    own__report_finish(&r);
}
