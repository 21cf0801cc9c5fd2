/* stack_cases.c: a frame with one block — own_stack_push + own_stack_alloc + own_stack_pop —
 * against the C stack's alloca in a function of its own (the call is the frame's push and pop).
 * The malloc+free peer is heap_cases.c's. */
#include <alloca.h>

#include <own/own.h>

#include "cases.h"
#include "timing.h"

int64_t case_stack_frame(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        own_frame f = own_stack_push();
        own_box b = own_stack_alloc(size);
        bench_escape(b.ptr);
        own_stack_pop(f);
    }
    return bench_now_ns() - start;
}

/* noinline: the block must go when the function returns, not pile up in the caller's loop. */
static __attribute__((noinline)) void alloca_frame(size_t size)
{
    void *p = alloca(size);
    bench_escape(p);
}

int64_t case_stack_alloca(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++)
        alloca_frame(size);
    return bench_now_ns() - start;
}
