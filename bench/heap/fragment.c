/* fragment: a peak, a mass free, and life after it. Phase 1 builds 160 MiB of small blocks
 * (32–256 bytes) in groups of 64, like the nodes of parsed documents; phase 2 frees 90% of the
 * groups, keeping every tenth; phase 3 goes on running with a new live set of the same volume, half
 * of it in the same small sizes and half in 1–8 KiB blocks, replaced at random for a while. An
 * allocator that reuses (or returns and takes back) the memory of phase 1 peaks near 160 MiB; one
 * that cannot use small-block pages for other sizes peaks near 240 MiB: peak RSS measures that. */
#include "workload.h"

#define GROUP 64
#define PEAK  ((size_t)160 << 20)

typedef struct block {
    unsigned char *p;
    size_t size;
} block;

static uint64_t release(block *b, unsigned char tag)
{
    uint64_t sum = wl_check(b->p, b->size, tag, "fragment");
    free(b->p);
    b->p = NULL;
    return sum;
}

static void make(block *b, size_t size, unsigned char tag)
{
    b->size = size;
    b->p = wl_malloc(size, "fragment");
    wl_stamp(b->p, size, tag);
}

static size_t later_size(uint64_t *rng)
{
    return wl_next(rng) & 1 ? wl_range(rng, 32, 256) : wl_range(rng, 1024, 8192);
}

int main(int argc, char **argv)
{
    double scale = wl_scale(argc, argv);
    size_t peak = wl_scaled(PEAK, scale), steps = wl_scaled(600000, scale);
    uint64_t rng = 0xBB67AE8584CAA73BULL, sum = 0;

    /* Phase 1: the peak. */
    size_t cap = peak / 32 + GROUP, count = 0, bytes = 0;
    block *first = wl_malloc(cap * sizeof *first, "fragment");
    while (bytes < peak && count + GROUP <= cap) {
        for (int i = 0; i < GROUP; i++, count++) {
            make(&first[count], wl_range(&rng, 32, 256), 1);
            bytes += first[count].size;
        }
    }
    /* Phase 2: free nine groups in ten. */
    size_t kept = 0;
    for (size_t g = 0; g < count / GROUP; g++) {
        if (g % 10 == 0) {
            kept += GROUP;
            continue;
        }
        for (int i = 0; i < GROUP; i++)
            sum += release(&first[g * GROUP + (size_t)i], 1);
    }
    /* Phase 3: a new live set of the same volume, then churn in it. */
    size_t later_cap = peak / 512 + 1, later_count = 0;
    block *later = wl_malloc(later_cap * sizeof *later, "fragment");
    for (bytes = 0; bytes < peak - peak / 10 && later_count < later_cap; later_count++) {
        make(&later[later_count], later_size(&rng), 2);
        bytes += later[later_count].size;
    }
    for (size_t s = 0; s < steps; s++) {
        block *b = &later[wl_next(&rng) % later_count];
        sum += release(b, 2);
        make(b, later_size(&rng), 2);
    }
    for (size_t i = 0; i < later_count; i++)
        sum += release(&later[i], 2);
    for (size_t g = 0; g < count / GROUP; g += 10)
        for (int i = 0; i < GROUP; i++)
            sum += release(&first[g * GROUP + (size_t)i], 1);
    free(later);
    free(first);
    return wl_finish("fragment", sum + kept);
}
