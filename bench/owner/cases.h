/* cases.h: the operations bench/owner times, one file per family — heap_cases.c (create+drop,
 * move), borrow_cases.c (borrows by the owning thread, by another thread, by two at once) and
 * stack_cases.c (frames). Each does `n` operations and returns the nanoseconds they took. */
#ifndef BENCH_OWNER_CASES_H
#define BENCH_OWNER_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* heap_cases.c */
int64_t case_own_new_drop(long n, size_t size);
int64_t case_own_new_uninit_drop(long n, size_t size);
int64_t case_own_malloc_free(long n, size_t size);
int64_t case_glibc_malloc_free(long n, size_t size);
int64_t case_mimalloc_malloc_free(long n, size_t size);
int64_t case_own_move(long n, size_t size);
/* Loads mimalloc with dlopen (RTLD_LOCAL: it does not replace this process's malloc). */
bool bench_mimalloc_load(const char *path);

/* borrow_cases.c */
int64_t case_borrow_owner(long n, size_t size);
int64_t case_borrow_mut_owner(long n, size_t size);
int64_t case_borrow_other(long n, size_t size);
int64_t case_borrow_mut_other(long n, size_t size);
int64_t case_borrow_contended(long n, size_t size);
int64_t case_borrow_mut_contended(long n, size_t size);
int64_t case_rwlock_read_other(long n, size_t size);
int64_t case_rwlock_read_contended(long n, size_t size);
int64_t case_rwlock_write_contended(long n, size_t size);

/* stack_cases.c */
int64_t case_stack_frame(long n, size_t size);
int64_t case_stack_alloca(long n, size_t size);

#endif
