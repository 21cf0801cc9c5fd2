/* heap_cases.c: an owned block's create+drop and move, against the malloc+free of glibc, of
 * mimalloc and of own's own heap (the last tells the ownership layer's share from the heap's). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

#include <own/own.h>

#include "cases.h"
#include "timing.h"

int64_t case_own_new_drop(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        own_box b = own_new(size);
        bench_escape(b.ptr);
        own_drop(&b);
    }
    return bench_now_ns() - start;
}

int64_t case_own_new_uninit_drop(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        own_box b = own_new_uninit(size);
        bench_escape(b.ptr);
        own_drop(&b);
    }
    return bench_now_ns() - start;
}

int64_t case_own_malloc_free(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        void *p = own_malloc(size);
        bench_escape(p);
        own_free(p);
    }
    return bench_now_ns() - start;
}

int64_t case_glibc_malloc_free(long n, size_t size)
{
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        void *p = malloc(size);
        bench_escape(p);
        free(p);
    }
    return bench_now_ns() - start;
}

/* mimalloc has no header package here: its two entry points are declared by hand and found at
 * run time, so this binary's own malloc stays glibc's. */
static void *(*mi_malloc)(size_t);
static void (*mi_free)(void *);

bool bench_mimalloc_load(const char *path)
{
    void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!lib) return false;
    *(void **)&mi_malloc = dlsym(lib, "mi_malloc");
    *(void **)&mi_free = dlsym(lib, "mi_free");
    return mi_malloc && mi_free;
}

int64_t case_mimalloc_malloc_free(long n, size_t size)
{
    void *(*alloc)(size_t) = mi_malloc;
    void (*release)(void *) = mi_free;
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        void *p = alloc(size);
        bench_escape(p);
        release(p);
    }
    return bench_now_ns() - start;
}

/* One block moved from handle to handle: the old handle is dead after each move. */
int64_t case_own_move(long n, size_t size)
{
    own_box b = own_new(size);
    int64_t start = bench_now_ns();
    for (long i = 0; i < n; i++) {
        own_box moved = own_move(&b);
        bench_escape(&moved);
        b = moved;
    }
    int64_t ns = bench_now_ns() - start;
    own_drop(&b);
    return ns;
}
