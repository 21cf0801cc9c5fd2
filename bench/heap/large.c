/* large: big blocks, 256 KiB to 8 MiB, as image and I/O buffers are. A live set of 12 such blocks
 * is replaced at random; every page of a new block is written and a sample of them read back, so
 * an allocator pays the page faults of the memory it maps and saves them when it reuses memory.
 * Some blocks are grown by realloc (the mremap path). Single-threaded. */
#include "workload.h"

#define LIVE 12

static size_t big_size(uint64_t *rng)
{
    /* Sizes spread evenly on a log scale between 256 KiB and 8 MiB. */
    size_t size = (size_t)256 << 10 << (wl_next(rng) % 5);
    return size + wl_range(rng, 0, size);
}

int main(int argc, char **argv)
{
    size_t rounds = wl_scaled(1500, wl_scale(argc, argv));
    unsigned char *block[LIVE];
    size_t size[LIVE];
    uint64_t rng = 0x3C6EF372FE94F82BULL, sum = 0;

    for (int i = 0; i < LIVE; i++) {
        size[i] = big_size(&rng);
        block[i] = wl_malloc(size[i], "large");
        wl_stamp(block[i], size[i], (unsigned char)i);
    }
    for (size_t r = 0; r < rounds; r++) {
        size_t i = wl_next(&rng) % LIVE;
        unsigned char tag = (unsigned char)(r + 1);
        sum += wl_check(block[i], size[i], block[i][0], "large");
        if (r % 8 == 0 && size[i] <= ((size_t)4 << 20)) {
            size_t grown = size[i] + size[i] / 2;
            unsigned char *p = realloc(block[i], grown);
            if (!p) exit(2);
            sum += wl_check(p, size[i], p[0], "large");
            block[i] = p;
            size[i] = grown;
        } else {
            free(block[i]);
            size[i] = big_size(&rng);
            block[i] = wl_malloc(size[i], "large");
        }
        wl_stamp(block[i], size[i], tag);
    }
    for (int i = 0; i < LIVE; i++) {
        sum += wl_check(block[i], size[i], block[i][0], "large");
        free(block[i]);
    }
    return wl_finish("large", sum);
}
