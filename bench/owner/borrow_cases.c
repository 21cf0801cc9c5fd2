/* borrow_cases.c: borrow+release, shared and exclusive — by the thread that owns the block (the
 * fast path of owner.h), by one other thread (the word path, the bias revoked once before the
 * clock starts) and by two other threads at once on the same block — with pthread's rwlock beside
 * them as the C peer. Each loop reads (shared) or increments (exclusive) the first word of the
 * block, and hides the handle from the compiler first, as the Rust anchor does with black_box. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <own/own.h>

#include "cases.h"
#include "timing.h"

enum borrow_kind { SHARED, EXCLUSIVE, EXCLUSIVE_WAIT, RWLOCK_READ, RWLOCK_WRITE };

static void shared_loop(own_box *b, long n)
{
    for (long i = 0; i < n; i++) {
        bench_escape(b);
        own_ref r = own_borrow(b);
        bench_keep(*(const uint64_t *)r.ptr);
        own_release(r);
    }
}

static void exclusive_loop(own_box *b, long n)
{
    for (long i = 0; i < n; i++) {
        bench_escape(b);
        own_mut m = own_borrow_mut(b);
        ++*(uint64_t *)m.ptr;
        own_release(m);
    }
}

/* Two threads wanting the block exclusively must queue: the waiting form, not the failing one. */
static void exclusive_wait_loop(own_box *b, long n)
{
    for (long i = 0; i < n; i++) {
        bench_escape(b);
        own_mut m = own_borrow_mut_wait(b);
        ++*(uint64_t *)m.ptr;
        own_release(m);
    }
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;
static uint64_t rwlock_value;

static void rwlock_loop(bool write, long n)
{
    for (long i = 0; i < n; i++) {
        bench_escape(&rwlock);
        if (write) {
            pthread_rwlock_wrlock(&rwlock);
            ++rwlock_value;
        } else {
            pthread_rwlock_rdlock(&rwlock);
            bench_keep(rwlock_value);
        }
        pthread_rwlock_unlock(&rwlock);
    }
}

static void run_loop(enum borrow_kind kind, own_box *b, long n)
{
    switch (kind) {
    case SHARED:
        shared_loop(b, n);
        break;
    case EXCLUSIVE:
        exclusive_loop(b, n);
        break;
    case EXCLUSIVE_WAIT:
        exclusive_wait_loop(b, n);
        break;
    case RWLOCK_READ:
        rwlock_loop(false, n);
        break;
    case RWLOCK_WRITE:
        rwlock_loop(true, n);
        break;
    }
}

/* ---- By the owning thread ------------------------------------------------------------------ */

static int64_t by_owner(enum borrow_kind kind, long n)
{
    own_box b = own_new(64);
    int64_t start = bench_now_ns();
    run_loop(kind, &b, n);
    int64_t ns = bench_now_ns() - start;
    own_drop(&b);
    return ns;
}

int64_t case_borrow_owner(long n, size_t size)
{
    (void)size;
    return by_owner(SHARED, n);
}

int64_t case_borrow_mut_owner(long n, size_t size)
{
    (void)size;
    return by_owner(EXCLUSIVE, n);
}

/* ---- By other threads ---------------------------------------------------------------------- */

typedef struct worker {
    enum borrow_kind kind;
    own_box *box;
    long n;
    pthread_barrier_t *go;
    int64_t ns;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    run_loop(w->kind, w->box, 1); /* the first borrow by another thread revokes the bias */
    pthread_barrier_wait(w->go);
    int64_t start = bench_now_ns();
    run_loop(w->kind, w->box, w->n);
    w->ns = bench_now_ns() - start;
    return NULL;
}

/* `threads` threads other than the owner each do n borrows of one block, started together.
 * The figure is the time the slowest took for its n: the cost of one operation when that many
 * threads want the block at once. */
static int64_t by_others(enum borrow_kind kind, int threads, long n)
{
    own_box b = own_new(64);
    pthread_barrier_t go;
    pthread_barrier_init(&go, NULL, (unsigned)threads);
    worker w[2];
    pthread_t t[2];
    for (int i = 0; i < threads; i++) {
        w[i] = (worker){kind, &b, n, &go, 0};
        if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
            perror("pthread_create");
            exit(2);
        }
    }
    int64_t slowest = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        if (w[i].ns > slowest) slowest = w[i].ns;
    }
    pthread_barrier_destroy(&go);
    own_drop(&b);
    return slowest;
}

int64_t case_borrow_other(long n, size_t size)
{
    (void)size;
    return by_others(SHARED, 1, n);
}

int64_t case_borrow_mut_other(long n, size_t size)
{
    (void)size;
    return by_others(EXCLUSIVE, 1, n);
}

int64_t case_borrow_contended(long n, size_t size)
{
    (void)size;
    return by_others(SHARED, 2, n);
}

int64_t case_borrow_mut_contended(long n, size_t size)
{
    (void)size;
    return by_others(EXCLUSIVE_WAIT, 2, n);
}

int64_t case_rwlock_read_other(long n, size_t size)
{
    (void)size;
    return by_others(RWLOCK_READ, 1, n);
}

int64_t case_rwlock_read_contended(long n, size_t size)
{
    (void)size;
    return by_others(RWLOCK_READ, 2, n);
}

int64_t case_rwlock_write_contended(long n, size_t size)
{
    (void)size;
    return by_others(RWLOCK_WRITE, 2, n);
}
