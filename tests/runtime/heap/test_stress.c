/* test_stress.c: threads (more than cores) allocate random sizes, write a pattern into every block,
 * hand blocks to each other through shared slots, grow them with realloc, and verify every byte
 * before each free. A lost block, an overlap or a corrupted free list fails the check. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <own/own.h>

#include "own_test.h"

enum { THREADS = 6, SLOTS = 4096, LOCAL = 512 };

typedef struct block_header {
    size_t size;
    uint32_t seed;
} block_header;

static _Atomic(block_header *) shared_slots[SLOTS];
static atomic_long corrupt_blocks;
static long rounds = 100000;

static uint32_t next_random(uint32_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 17;
    *state ^= *state << 5;
    return *state;
}

static size_t random_size(uint32_t *rng)
{
    uint32_t r = next_random(rng) % 1000;
    if (r < 700) return sizeof(block_header) + next_random(rng) % 256;
    if (r < 950) return sizeof(block_header) + next_random(rng) % 8192;
    if (r < 998) return sizeof(block_header) + next_random(rng) % 300000;
    return sizeof(block_header) + next_random(rng) % (3 << 20);
}

/* Every byte of a small block carries the pattern; bigger blocks every 16th byte and their last,
 * which still catches any overlap of two blocks or a free-list pointer written into one. */
static size_t pattern_step(size_t size)
{
    return size <= 1024 ? 1 : 16;
}

static bool pattern_intact(const block_header *b, size_t size, uint32_t seed)
{
    const unsigned char *bytes = (const unsigned char *)(b + 1);
    size_t n = size - sizeof *b, step = pattern_step(size);
    for (size_t i = 0; i < n; i += step)
        if (bytes[i] != (unsigned char)(seed + i * 7)) return false;
    return n == 0 || bytes[n - 1] == (unsigned char)(seed + (n - 1) * 7);
}

static void fill(block_header *b, size_t size, uint32_t seed)
{
    b->size = size;
    b->seed = seed;
    unsigned char *bytes = (unsigned char *)(b + 1);
    size_t n = size - sizeof *b, step = pattern_step(size);
    for (size_t i = 0; i < n; i += step) bytes[i] = (unsigned char)(seed + i * 7);
    if (n) bytes[n - 1] = (unsigned char)(seed + (n - 1) * 7);
}

static void verify_and_free(block_header *b)
{
    if (!pattern_intact(b, b->size, b->seed)) atomic_fetch_add(&corrupt_blocks, 1);
    own_free(b);
}

static block_header *new_block(uint32_t *rng)
{
    size_t size = random_size(rng);
    block_header *b = (next_random(rng) & 7) ? own_malloc(size) : own_calloc(1, size);
    if (b) fill(b, size, next_random(rng));
    return b;
}

static void *worker(void *arg)
{
    uint32_t rng = (uint32_t)(uintptr_t)arg * 2654435761u + 1;
    block_header *local[LOCAL] = {0};
    for (long round = 0; round < rounds; round++) {
        uint32_t action = next_random(&rng) % 100;
        if (action < 45) { /* keep locally, freeing what was there */
            unsigned i = next_random(&rng) % LOCAL;
            if (local[i]) verify_and_free(local[i]);
            local[i] = new_block(&rng);
        } else if (action < 85) { /* swap through a shared slot: frees cross threads */
            block_header *b = new_block(&rng);
            block_header *old = atomic_exchange(&shared_slots[next_random(&rng) % SLOTS], b);
            if (old) verify_and_free(old);
        } else { /* realloc a local block, keeping its pattern */
            unsigned i = next_random(&rng) % LOCAL;
            if (!local[i]) continue;
            size_t size = random_size(&rng);
            block_header *old = local[i];
            if (size < old->size) fill(old, size, old->seed); /* the kept prefix, re-marked */
            uint32_t seed = old->seed;
            size_t keep = old->size;
            block_header *b = own_realloc(old, size);
            if (!b) continue;
            if (!pattern_intact(b, keep, seed)) atomic_fetch_add(&corrupt_blocks, 1);
            fill(b, size, seed + 1);
            local[i] = b;
        }
    }
    for (unsigned i = 0; i < LOCAL; i++)
        if (local[i]) verify_and_free(local[i]);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1) rounds = atol(argv[1]);
    pthread_t threads[THREADS];
    for (uintptr_t t = 0; t < THREADS; t++)
        CHECK(pthread_create(&threads[t], NULL, worker, (void *)(t + 1)) == 0);
    for (int t = 0; t < THREADS; t++) pthread_join(threads[t], NULL);
    for (int i = 0; i < SLOTS; i++) {
        block_header *b = atomic_load(&shared_slots[i]);
        if (b) verify_and_free(b);
    }
    CHECK_EQ_INT(atomic_load(&corrupt_blocks), 0);
    own_heap_stats stats;
    own_heap_stats_get(&stats);
    /* Every block was freed; only remote frees not yet collected may still count. */
    CHECK(stats.huge_blocks == 0);
    CHECK_EQ_INT(own_error_count(), 0);
    return TEST_DONE();
}
