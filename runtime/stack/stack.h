/* stack.h: the layout of a thread's stack of frames, shared by the files of runtime/stack/ and by
 * the ownership layer (which checks stack handles passed to its operations).
 *
 * Each thread has one region: `capacity` bytes reserved with mmap, followed by a PROT_NONE guard
 * page, mapped on the thread's first push. It fills upwards:
 *
 *   [frame record][block header][data...][block header][data...][frame record]...  top -> free
 *
 * A frame record links to the previous frame and remembers the top to restore, so a pop is two
 * loads and two stores whatever the frame holds. Every frame gets a generation number unique in
 * the process (thread number << 36 | counter); its blocks' handles carry it in their tag, and a
 * block header names its frame, so a handle is live exactly when its header still names a frame
 * record that still holds that generation. Regions are never unmapped (a thread's region goes to
 * a cache for the next thread), so checking a stale handle from any thread never faults. */
#ifndef OWN_STACK_INTERNAL_H
#define OWN_STACK_INTERNAL_H

#include <own/owner.h>
#include <own/stack.h>

#include "core/core.h"

#define OWN__STACK_POPPED   (UINT64_C(1) << 57) /* set in a frame record's gen when popped */
#define OWN__STACK_GEN_MASK ((UINT64_C(1) << 56) - 1)

typedef struct own__frame_record {
    struct own__frame_record *prev;
    char *prev_top;
    uint64_t gen;
    const own_src *site;     /* where it was pushed */
    const own_src *pop_site; /* where it was popped (valid while gen has OWN__STACK_POPPED) */
    uint32_t thread;
    uint32_t pop_thread;
} own__frame_record;

typedef struct own__stack_block {
    uint64_t gen; /* the frame's generation */
    own__frame_record *frame;
    const own_src *site; /* where it was allocated */
    uint32_t size;
    uint32_t thread;
} own__stack_block;

_Static_assert(sizeof(own__frame_record) % 16 == 0, "frame records keep 16-byte alignment");
_Static_assert(sizeof(own__stack_block) % 16 == 0, "block headers keep 16-byte alignment");

typedef struct own__stack {
    char *base, *top, *end;   /* the region in use; base is NULL until the first push */
    own__frame_record *frame; /* innermost frame, NULL when none */
    uint64_t next_gen;
    size_t capacity; /* what the next mapping gets (0: OWN_OPTIONS' stack_size) */
    uint32_t thread; /* own__thread_number() of the owning thread, kept for the push path */
} own__stack;

own_internal extern __thread own__stack own__stack_tls;

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
