/* own/stack.h: the stack of frames — per-thread, last in first out. Push a frame, allocate
 * fixed-size blocks from the innermost frame in O(1), pop the frame and all its blocks go at once.
 *
 * A stack block is reached through an own_box handle (the same type as an owned heap block), so
 * that own_get, own_borrow, own_drop and own_resize can tell a stack block from a heap block and
 * report what is wrong: resizing it is stack-resize, dropping it is free-non-heap, using it after
 * its frame was popped is dangling-stack, and a frame that does not fit is stack-overflow.
 *
 * Also here: own_src and OWN_SITE, the source site every stack and ownership operation records. */
#ifndef OWN_STACK_H
#define OWN_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <own/heap.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Sites ---------------------------------------------------------------------------------- */

typedef struct own_src {
    const char *file;
    int line;
    const char *function;
} own_src;

/* A static constant per expansion (a GNU statement expression: C11 has no static compound
 * literals), so recording a site is one store of a pointer, never a copy of strings. */
#define OWN_SITE                                                                                   \
    ({                                                                                             \
        static const own_src own__site_ = {__FILE__, __LINE__, __func__};                          \
        &own__site_;                                                                               \
    })

/* ---- Handles -------------------------------------------------------------------------------- */

/* An owner handle: a heap block made by own_new or a stack block made by own_stack_alloc. `ptr`
 * is the block's first byte; `tag` says whose it is (see owner.h). Copying the struct copies the
 * handle, not the ownership: a stale copy is caught because its tag no longer matches. */
typedef struct own_box {
    void *ptr;
    uint64_t tag;
} own_box;

/* A frame of the calling thread's stack: its record and generation, 16 bytes, so that it is
 * passed and returned in two registers. */
typedef struct own_frame {
    void *record;
    uint64_t gen;
} own_frame;

/* ---- Out-of-line operations (use the macros: they record the site) ----------------------- */

/* Each does the whole operation, the unusual cases included; the inline fast paths below fall
 * back to them for anything but the common case. Cold, so that callers lay those calls out away
 * from the fast path. */

/* Pushes a frame on the calling thread's stack; on stack-overflow reports it and returns a frame
 * with record NULL, which own_stack_pop accepts and ignores. */
OWN_API __attribute__((cold)) own_frame own_stack_push_at(const own_src *site);
/* A block of `size` bytes (16-byte aligned, not zeroed) in the innermost frame of the calling
 * thread. Without a frame, or when it does not fit: reported, and the handle's ptr is NULL. */
OWN_API __attribute__((cold)) own_box own_stack_alloc_at(size_t size, const own_src *site);
/* Pops `frame` and every block in it. Popping a frame that is not the innermost one, or one
 * already popped, is reported (dangling-stack); inner frames are popped with it. */
OWN_API __attribute__((cold)) void own_stack_pop_at(own_frame frame, const own_src *site);

/* The calling thread's stack capacity in bytes: OWN_OPTIONS=stack_size=N (8 MiB by default)
 * unless own_stack_set_capacity changed it. */
OWN_API size_t own_stack_capacity(void);
/* Sets the calling thread's capacity, at least 4 KiB and at most 64 GiB; only while it has no
 * frame (else returns false). */
OWN_API bool own_stack_set_capacity(size_t bytes);
/* Bytes in use in the calling thread's stack (frames and blocks with their headers). */
OWN_API size_t own_stack_used(void);

/* ---- Internal layout, shared with the inline fast paths ----------------------------------- */

/* Each thread has one region: `capacity` bytes reserved with mmap, followed by a PROT_NONE guard
 * page, mapped on the thread's first push. Blocks fill it upwards from its base; the frames'
 * records fill it downwards from its end, one array of fixed-size records:
 *
 *   base [header][data...][header][data...] top -> free <- frame [record]...[bottom] end
 *
 * so a push moves only `frame`, an allocation only `top`, and the free space between them is both
 * bounds. The record of the frame pushed before a record is the next one up; the last record of
 * the region, `bottom`, is no frame's: `frame` points at it while no frame lives, and its
 * generation (popped, below) sends an allocation to the out-of-line path, which reports it. A
 * record keeps the top at its push, which its pop restores.
 *
 * Every frame gets a generation number unique in the process (thread number << 36 | counter);
 * its blocks' handles and headers carry it, and a header names its frame's record by distance, so
 * a handle is live exactly when its header still names a record that still holds that
 * generation. The fast paths below are written for the processor's store ports, the limit of a
 * push+alloc+pop: each store is one the operation needs. */

#define OWN__TAG_STACK              (UINT64_C(1) << 63) /* a stack block's tag bit (owner.h lists all) */
#define OWN__STACK_GEN_MASK         ((UINT64_C(1) << 56) - 1)
#define OWN__STACK_GEN_THREAD_SHIFT 36 /* a generation's thread number is its bits 36 and up */
/* A popped frame record holds its generation complemented: never a live generation (those have
 * the top 8 bits clear), and one instruction on the pop path. */
#define OWN__STACK_POPPED(gen) (~(uint64_t)(gen))
#define OWN__STACK_BLOCK_MAX   UINT32_MAX /* a block header holds the size in 32 bits */
/* A header holds the distance to its frame's record in 16-byte units, in 32 bits. */
#define OWN__STACK_CAPACITY_MAX (UINT64_C(1) << 36)

/* A frame record names no thread: the thread that owns the region pushed it and pops it, and
 * its generation holds that thread's number. */
struct own__frame_record {
    uint64_t gen;
    const own_src *site;     /* where it was pushed */
    char *top;               /* the region's top when it was pushed: its pop restores it */
    const own_src *pop_site; /* where it was popped (valid while gen is OWN__STACK_POPPED) */
};

struct own__stack_block {
    uint64_t gen;        /* the frame's generation */
    const own_src *site; /* where it was allocated */
    /* The size in the low half; in the high half, the distance from the header to its frame's
     * record in 16-byte units. One word, so that the fast path writes both with one store. */
    uint64_t size_and_frame;
    uint64_t reserved; /* the header stays 32 bytes, so data stays 16-byte aligned */
};

/* A block header's size_and_frame word for a block of `size` bytes whose header is at `header`
 * and whose frame's record is `rec` (runtime/stack/stack.h reads it back). */
static inline uint64_t own__stack_size_and_frame(size_t size, const void *header,
                                                 const struct own__frame_record *rec)
{
    return (uint32_t)size | ((uint64_t)((uintptr_t)rec - (uintptr_t)header) << 28);
}

/* The calling thread's stack. The fast paths touch top, frame and next_gen. No two of those that
 * one operation stores are neighbours: compilers would merge two such stores into one vector
 * store, which the next operation's loads of either field cannot be forwarded from.
 *
 * Until its region is mapped (and after it is given back), a thread's top and frame both point
 * at own__stack_unmapped, a record no frame owns: there is no room between them, so a push takes
 * the out-of-line path, which maps the region, and its generation is a popped one, so an
 * allocation does too. `frame` is never NULL, so the fast paths read through it unchecked. */
typedef struct own__stack {
    char *top;                       /* the first free byte */
    char *base;                      /* the region in use; NULL until the first push */
    struct own__frame_record *frame; /* innermost frame, or bottom */
    char *end;
    uint64_t next_gen;
    size_t capacity; /* what the next mapping gets (0: OWN_OPTIONS' stack_size) */
} own__stack;

OWN_API extern struct own__frame_record own__stack_unmapped;

/* Initial-exec: the inline paths reach it at a fixed offset from the thread pointer, with no
 * call to __tls_get_addr. */
OWN_API extern __thread own__stack own__stack_tls __attribute__((tls_model("initial-exec")));

/* ---- Inline fast paths ------------------------------------------------------------------- */

/* Written for the code generator: the common case is a handful of loads and stores on one
 * thread-local struct and the region; any other case is one call to the out-of-line operation,
 * which checks everything again and reports. The bounds are compared as integers; they cannot
 * wrap: the region lies in user space and a fast-path block is below 4 GiB. */

static inline own_frame own__stack_push(const own_src *site)
{
    own__stack *st = &own__stack_tls;
    char *top = st->top;
    uintptr_t frame = (uintptr_t)st->frame;
    if (__builtin_expect(frame - (uintptr_t)top < sizeof(struct own__frame_record), 0))
        return own_stack_push_at(site); /* first push of the thread, or stack-overflow */
    struct own__frame_record *rec = (struct own__frame_record *)frame - 1;
    uint64_t gen = st->next_gen++;
    rec->gen = gen;
    rec->site = site;
    rec->top = top;
    st->frame = rec;
    own_frame f = {rec, gen};
    return f;
}

/* The tests are joined with | rather than ||: every operand is safe to compute (`frame` is always
 * readable), and one branch costs less than three. */
static inline own_box own__stack_alloc(size_t size, const own_src *site)
{
    own__stack *st = &own__stack_tls;
    struct own__frame_record *rec = st->frame;
    char *top = st->top;
    uint64_t gen = rec->gen;
    uintptr_t next = (uintptr_t)top + sizeof(struct own__stack_block) + ((size + 15) & ~(size_t)15);
    /* No frame: rec is the bottom record (or the unmapped one), whose generation is a popped one.
     */
    if (__builtin_expect((size > OWN__STACK_BLOCK_MAX) | (next > (uintptr_t)rec) |
                             (gen > OWN__STACK_GEN_MASK),
                         0))
        return own_stack_alloc_at(size, site); /* no frame, or stack-overflow */
    struct own__stack_block *b = (struct own__stack_block *)top;
    b->gen = gen;
    b->site = site;
    b->size_and_frame = own__stack_size_and_frame(size, b, rec);
    st->top = (char *)next;
    own_box h = {b + 1, OWN__TAG_STACK | gen};
    return h;
}

static inline void own__stack_pop(own_frame frame, const own_src *site)
{
    own__stack *st = &own__stack_tls;
    struct own__frame_record *rec = (struct own__frame_record *)frame.record;
    /* Not the innermost live frame (or a failed push, record NULL): the out-of-line pop. The
     * generation is read through `inner`, which is always readable, not through `rec`. */
    struct own__frame_record *inner = st->frame;
    if (__builtin_expect((rec != inner) | (inner->gen != frame.gen), 0)) {
        own_stack_pop_at(frame, site);
        return;
    }
    rec->gen = OWN__STACK_POPPED(frame.gen);
    rec->pop_site = site;
    st->top = rec->top;
    st->frame = rec + 1;
}

/* OWN_FRAME's cleanup: the frame is popped where it was pushed, as far as reports go. */
static inline void own__frame_end(own_frame *frame)
{
    struct own__frame_record *rec = (struct own__frame_record *)frame->record;
    own__stack_pop(*frame, rec ? rec->site : NULL);
}

#define own_stack_push()      own__stack_push(OWN_SITE)
#define own_stack_alloc(size) own__stack_alloc((size), OWN_SITE)
#define own_stack_pop(frame)  own__stack_pop((frame), OWN_SITE)

/* OWN_FRAME { ... }: a frame around a C block. It is popped when the block ends, however it ends
 * (break, return and goto included), through __attribute__((cleanup)). The outer loop holds the
 * flag that runs the block once, so the frame itself stays two words. */
#define OWN_FRAME                                                                                  \
    for (int own__frame_once_ = 1; own__frame_once_; own__frame_once_ = 0)                         \
        for (own_frame own__frame_ __attribute__((cleanup(own__frame_end))) = own_stack_push();    \
             own__frame_once_; own__frame_once_ = 0)

#ifdef __cplusplus
}
#endif
#endif
