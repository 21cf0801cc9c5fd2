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

/* A frame of the calling thread's stack. `once` drives the OWN_FRAME loop. */
typedef struct own_frame {
    void *record;
    uint64_t gen;
    int once;
} own_frame;

/* ---- Operations (use the macros: they record the site) ------------------------------------- */

/* Pushes a frame on the calling thread's stack; on stack-overflow reports it and returns a frame
 * with record NULL, which own_stack_pop accepts and ignores. */
OWN_API own_frame own_stack_push_at(const own_src *site);
/* A block of `size` bytes (16-byte aligned, not zeroed) in the innermost frame of the calling
 * thread. Without a frame, or when it does not fit: reported, and the handle's ptr is NULL. */
OWN_API own_box own_stack_alloc_at(size_t size, const own_src *site);
/* Pops `frame` and every block in it. Popping a frame that is not the innermost one, or one
 * already popped, is reported (dangling-stack); inner frames are popped with it. */
OWN_API void own_stack_pop_at(own_frame frame, const own_src *site);

/* The calling thread's stack capacity in bytes: OWN_OPTIONS=stack_size=N (8 MiB by default)
 * unless own_stack_set_capacity changed it. */
OWN_API size_t own_stack_capacity(void);
/* Sets the calling thread's capacity; only while it has no frame (else returns false). */
OWN_API bool own_stack_set_capacity(size_t bytes);
/* Bytes in use in the calling thread's stack (frames and blocks with their headers). */
OWN_API size_t own_stack_used(void);

OWN_API void own__frame_end(own_frame *frame);

#define own_stack_push()      own_stack_push_at(OWN_SITE)
#define own_stack_alloc(size) own_stack_alloc_at((size), OWN_SITE)
#define own_stack_pop(frame)  own_stack_pop_at((frame), OWN_SITE)

/* OWN_FRAME { ... }: a frame around a C block. It is popped when the block ends, however it ends
 * (break, return and goto included), through __attribute__((cleanup)). */
#define OWN_FRAME                                                                                  \
    for (own_frame own__frame_ __attribute__((cleanup(own__frame_end))) = own_stack_push();        \
         own__frame_.once; own__frame_.once = 0)

#ifdef __cplusplus
}
#endif
#endif
