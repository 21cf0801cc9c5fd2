/* timing.h: how bench/owner takes a figure. Every case is a function that does `n` operations and
 * returns the nanoseconds they took (CLOCK_MONOTONIC, taken around the loop only, so thread start
 * and set-up are not counted). The runner sizes `n` so one sample lasts about 20 ms, then takes
 * samples in rounds that visit every case in a rotated order, so a slow spell of the machine (it
 * is shared) spreads over all cases instead of falling on one; a case's figure is the median of
 * its samples. */
#ifndef BENCH_OWNER_TIMING_H
#define BENCH_OWNER_TIMING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* The compiler must assume `p` is read and memory changed: the work before it cannot be dropped
 * or moved out of the loop, and no instruction is spent on it. */
static inline void bench_escape(const void *p)
{
    __asm__ volatile("" : : "r"(p) : "memory");
}

/* The same for a value: it must be computed, as if printed. */
static inline void bench_keep(uint64_t v)
{
    __asm__ volatile("" : : "r"(v) : "memory");
}

static inline int64_t bench_now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

typedef struct bench_case {
    const char *name;                    /* the key report.py looks figures up by */
    int64_t (*run)(long n, size_t size); /* does n operations, returns the ns they took */
    size_t size;                         /* block size, for the cases that have one */
} bench_case;

/* Runs every case `rounds` times and prints one line per case: "name<TAB>median ns per op". */
void bench_run_all(const bench_case *cases, size_t count, int rounds);

#endif
