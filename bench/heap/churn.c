/* churn: small-object churn. A live set of 4096 small blocks (16–128 bytes) in which a random
 * block is freed and a new one of a random size allocated, millions of times: the fast path of
 * malloc and free and the reuse of freed blocks of the same size class. Single-threaded. */
#include "workload.h"

#define LIVE 4096

int main(int argc, char **argv)
{
    /* About 0.4 s: a run much shorter fits inside one slow spell of a busy machine. */
    size_t rounds = wl_scaled(48000000, wl_scale(argc, argv));
    static unsigned char *block[LIVE];
    static size_t size[LIVE];
    uint64_t rng = 0x9E3779B97F4A7C15ULL, sum = 0;

    for (size_t i = 0; i < LIVE; i++) {
        size[i] = wl_range(&rng, 16, 128);
        block[i] = wl_malloc(size[i], "churn");
        wl_stamp(block[i], size[i], (unsigned char)i);
    }
    for (size_t r = 0; r < rounds; r++) {
        size_t i = wl_next(&rng) % LIVE;
        sum += wl_check(block[i], size[i], (unsigned char)i, "churn");
        free(block[i]);
        size[i] = wl_range(&rng, 16, 128);
        block[i] = wl_malloc(size[i], "churn");
        wl_stamp(block[i], size[i], (unsigned char)i);
    }
    for (size_t i = 0; i < LIVE; i++) {
        sum += wl_check(block[i], size[i], (unsigned char)i, "churn");
        free(block[i]);
    }
    return wl_finish("churn", sum);
}
