/* workload.h: what every allocation workload of bench/heap shares — a fixed random sequence, the
 * bytes a block is stamped with and checked against, the scale argument and the final checksum.
 * The workloads call plain malloc/free so that each allocator is swapped in with LD_PRELOAD; every
 * block is written and read back so no compiler removes an allocation and every allocator pays for
 * the memory it hands out (page faults included). */
#ifndef BENCH_HEAP_WORKLOAD_H
#define BENCH_HEAP_WORKLOAD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: the same sequence under every allocator, so every run does the same work. */
static inline uint64_t wl_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* A number in [lo, hi]. */
static inline size_t wl_range(uint64_t *state, size_t lo, size_t hi)
{
    return lo + (size_t)(wl_next(state) % (hi - lo + 1));
}

/* Stamps a block: its first and last byte and one byte in every 4 KiB page, so a large block costs
 * its page faults but a small one only a few stores. */
static inline void wl_stamp(void *block, size_t size, unsigned char tag)
{
    unsigned char *p = block;
    if (size == 0) return;
    for (size_t i = 0; i < size; i += 4096)
        p[i] = tag;
    p[size - 1] = tag;
}

/* Reads the stamp back; a mismatch means the allocator handed out overlapping or corrupted blocks,
 * which is a failure of the run, not a slow result. */
static inline unsigned wl_check(const void *block, size_t size, unsigned char tag,
                                const char *where)
{
    const unsigned char *p = block;
    if (size == 0) return 0;
    unsigned sum = 0;
    for (size_t i = 0; i < size; i += 4096) {
        if (p[i] != tag) goto corrupt;
        sum += p[i];
    }
    if (p[size - 1] != tag) goto corrupt;
    return sum + p[size - 1];
corrupt:
    fprintf(stderr, "%s: block %p of %zu bytes lost its contents (tag %u)\n", where, block, size,
            tag);
    abort();
}

/* Scale of the run: argv[1] if given (tests use 0.05 to run in a blink), else 1.0. */
static inline double wl_scale(int argc, char **argv)
{
    double scale = argc > 1 ? strtod(argv[1], NULL) : 1.0;
    return scale > 0 ? scale : 1.0;
}

static inline size_t wl_scaled(size_t n, double scale)
{
    size_t v = (size_t)((double)n * scale);
    return v ? v : 1;
}

static inline void *wl_malloc(size_t size, const char *where)
{
    void *p = malloc(size);
    if (!p) {
        fprintf(stderr, "%s: malloc(%zu) failed\n", where, size);
        exit(2);
    }
    return p;
}

/* The checksum depends only on the work done, so it is the same under every allocator; run.sh and
 * the preload tests compare it. */
static inline int wl_finish(const char *name, uint64_t checksum)
{
    printf("%s ok %llu\n", name, (unsigned long long)checksum);
    return 0;
}

#endif
