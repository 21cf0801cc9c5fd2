/* stack.h: the stack of frames' internals, shared by the files of runtime/stack/ and by the
 * ownership layer (which checks stack handles passed to its operations).
 *
 * The region, frame record and block header layouts are in include/own/stack.h, because the
 * inline fast paths use them. Regions are never unmapped (a thread's region goes to a cache for
 * the next thread), so checking a stale handle from any thread never faults. */
#ifndef OWN_STACK_INTERNAL_H
#define OWN_STACK_INTERNAL_H

#include <own/owner.h>
#include <own/stack.h>

#include "core/core.h"

typedef struct own__frame_record own__frame_record;
typedef struct own__stack_block own__stack_block;

_Static_assert(sizeof(own__frame_record) % 32 == 0,
               "records tile the region's 32-byte aligned end");
_Static_assert(sizeof(own__stack_block) % 16 == 0, "block headers keep 16-byte alignment");

/* The record at the region's end that no frame owns: `frame` points at it while no frame lives. */
static inline own__frame_record *own__stack_bottom(const own__stack *st)
{
    return (own__frame_record *)st->end - 1;
}

/* Whether the calling thread's stack holds a live frame. */
static inline bool own__stack_has_frame(const own__stack *st)
{
    return st->base && st->frame != own__stack_bottom(st);
}

/* The number of the thread that pushed the frame of generation `gen`. */
static inline unsigned own__stack_gen_thread(uint64_t gen)
{
    return (unsigned)((gen & OWN__STACK_GEN_MASK) >> OWN__STACK_GEN_THREAD_SHIFT);
}

/* A block header's size, and the record of the frame it names. */
static inline uint32_t own__stack_header_size(const own__stack_block *b)
{
    return (uint32_t)b->size_and_frame;
}
static inline own__frame_record *own__stack_header_frame(const own__stack_block *b)
{
    return (own__frame_record *)((uintptr_t)b + ((b->size_and_frame >> 32) << 4));
}

/* Maps the calling thread's region (from the cache when one fits); false if the OS refuses. */
own_internal bool own__stack_map(own__stack *st);

/* An own_site for reports from a recorded source site. */
static inline own_site own__site(const own_src *src, unsigned thread)
{
    own_site s = {src ? src->file : NULL, src ? src->line : 0, src ? src->function : NULL, thread,
                  NULL};
    return s;
}

/* For the ownership layer: the data of the stack block `h` names, or NULL after reporting
 * dangling-stack (its frame was popped) with `what` as the verb ("used", "borrowed", ...). */
own_internal void *own__stack_block_check(const own_box *h, const char *what, const own_src *site);
/* Size of a live stack block (0 if not live). */
own_internal size_t own__stack_block_size(const own_box *h);
/* Reports that a stack block was passed to an operation for heap blocks: `kind` is
 * free-non-heap or stack-resize. */
own_internal void own__stack_block_misuse(const own_box *h, const char *kind, const char *message,
                                          const own_src *site);

#endif
