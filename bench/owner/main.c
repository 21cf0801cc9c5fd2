/* owner_bench: times libown's owned blocks, borrows and frames against their C peers in one run
 * and prints "name<TAB>ns per op" lines for report.py. Usage: owner_bench [ROUNDS] [MIMALLOC]
 * (7 rounds; the mimalloc library to compare with, skipped when it does not load).
 * OWNER_BENCH_ONLY=TEXT runs only the cases whose name contains TEXT (for profiling one). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "timing.h"

#define MIMALLOC_DEFAULT "/usr/lib/x86_64-linux-gnu/libmimalloc.so.2"

static const bench_case own_cases[] = {
    {"own_new+own_drop 16", case_own_new_drop, 16},
    {"own_new+own_drop 64", case_own_new_drop, 64},
    {"own_new+own_drop 256", case_own_new_drop, 256},
    {"own_new_uninit+own_drop 64", case_own_new_uninit_drop, 64},
    {"own_malloc+own_free 16", case_own_malloc_free, 16},
    {"own_malloc+own_free 64", case_own_malloc_free, 64},
    {"own_malloc+own_free 256", case_own_malloc_free, 256},
    {"glibc malloc+free 16", case_glibc_malloc_free, 16},
    {"glibc malloc+free 64", case_glibc_malloc_free, 64},
    {"glibc malloc+free 256", case_glibc_malloc_free, 256},
    {"own_move", case_own_move, 64},
    {"own_borrow+own_release owner", case_borrow_owner, 0},
    {"own_borrow_mut+own_release owner", case_borrow_mut_owner, 0},
    {"own_borrow+own_release other", case_borrow_other, 0},
    {"own_borrow_mut+own_release other", case_borrow_mut_other, 0},
    {"own_borrow+own_release contended", case_borrow_contended, 0},
    {"own_borrow_mut_wait+own_release contended", case_borrow_mut_contended, 0},
    {"pthread_rwlock read other", case_rwlock_read_other, 0},
    {"pthread_rwlock read contended", case_rwlock_read_contended, 0},
    {"pthread_rwlock write contended", case_rwlock_write_contended, 0},
    {"own_stack push+alloc+pop 64", case_stack_frame, 64},
    {"own_stack push+alloc+pop 256", case_stack_frame, 256},
    {"alloca 64", case_stack_alloca, 64},
    {"alloca 256", case_stack_alloca, 256},
};

static const bench_case mimalloc_cases[] = {
    {"mimalloc malloc+free 16", case_mimalloc_malloc_free, 16},
    {"mimalloc malloc+free 64", case_mimalloc_malloc_free, 64},
    {"mimalloc malloc+free 256", case_mimalloc_malloc_free, 256},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 7;
    const char *mimalloc = argc > 2 ? argv[2] : MIMALLOC_DEFAULT;
    if (rounds < 1) rounds = 1;
    const char *only = getenv("OWNER_BENCH_ONLY");
    bench_case cases[COUNT(own_cases) + COUNT(mimalloc_cases)];
    size_t count = 0;
    for (size_t i = 0; i < COUNT(own_cases); i++)
        if (!only || strstr(own_cases[i].name, only)) cases[count++] = own_cases[i];
    if (bench_mimalloc_load(mimalloc)) {
        for (size_t i = 0; i < COUNT(mimalloc_cases); i++)
            if (!only || strstr(mimalloc_cases[i].name, only)) cases[count++] = mimalloc_cases[i];
    } else {
        fprintf(stderr, "owner_bench: %s does not load: mimalloc skipped\n", mimalloc);
    }
    bench_run_all(cases, count, rounds);
    return 0;
}
