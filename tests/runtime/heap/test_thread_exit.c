/* test_thread_exit.c: a thread's pages outlive it when its blocks do — they are adopted by a thread
 * that needs pages — and a thread's empty pages are given back, so creating many short-lived
 * threads does not grow the heap without bound. When threads end and start in generations, the
 * segments one generation leaves are shared out over the next, one each, not all taken by the
 * first thread while the others map new ones. */
#include <pthread.h>
#include <string.h>

#include <own/own.h>

#include "own_test.h"

enum { BLOCKS = 20000, KEPT = 100, GENERATIONS = 200 };

static char *kept[GENERATIONS][KEPT];

static void *short_lived(void *arg)
{
    long generation = (long)arg;
    char **blocks = own_malloc(BLOCKS * sizeof *blocks);
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = own_malloc(48 + (size_t)(i % 5) * 16);
        memset(blocks[i], (int)generation, 48);
    }
    /* Most blocks die with the thread; a few are handed to the main thread. */
    for (int i = 0; i < BLOCKS; i++) {
        if (i % (BLOCKS / KEPT) == 0)
            kept[generation][i / (BLOCKS / KEPT)] = blocks[i];
        else
            own_free(blocks[i]);
    }
    own_free(blocks);
    return NULL;
}

/* ---- Generations of threads that run at once ------------------------------------------------ */

enum { THREADS = 4, ROUNDS = 6, LIVE = 6000, SCRATCH = 6000 };

static char *inherited[THREADS][LIVE];
static pthread_barrier_t started, allocated;
static size_t most_segments_running;

static size_t block_size(int i)
{
    return 16 + (size_t)(i % 7) * 24;
}

/* Each thread of a generation allocates while the others do: scratch blocks, which it frees
 * before it ends (their pages' slices stay committed in its segment), and blocks it leaves to
 * the thread of its index in the next generation, which frees them. So a generation leaves
 * segments whose pages are full and whose free slices are committed: the next one's threads,
 * finding no free block in an adopted segment, could go on adopting. */
static void *worker(void *arg)
{
    long index = (long)arg;
    char *scratch[SCRATCH], *mine[LIVE];
    pthread_barrier_wait(&started);
    for (int i = 0; i < SCRATCH; i++)
        scratch[i] = own_malloc(block_size(i));
    for (int i = 0; i < LIVE; i++) {
        mine[i] = own_malloc(block_size(i));
        mine[i][0] = (char)index;
    }
    pthread_barrier_wait(&allocated);
    if (index == 0) {
        own_heap_stats stats;
        own_heap_stats_get(&stats);
        if (stats.segments > most_segments_running) most_segments_running = stats.segments;
    }
    for (int i = 0; i < SCRATCH; i++)
        own_free(scratch[i]);
    for (int i = 0; i < LIVE; i++) {
        if (inherited[index][i]) {
            CHECK(inherited[index][i][0] == (char)index);
            own_free(inherited[index][i]);
        }
        inherited[index][i] = mine[i];
    }
    return NULL;
}

static void generations_share_the_segments_left(void)
{
    pthread_barrier_init(&started, NULL, THREADS);
    pthread_barrier_init(&allocated, NULL, THREADS);
    for (int round = 0; round < ROUNDS; round++) {
        pthread_t thread[THREADS];
        for (long t = 0; t < THREADS; t++)
            CHECK(pthread_create(&thread[t], NULL, worker, (void *)t) == 0);
        for (int t = 0; t < THREADS; t++)
            pthread_join(thread[t], NULL);
    }
    /* A segment each thread of a generation, adopted from the last one or new in the first. One
     * thread that adopted every segment left made the others map one each, every generation. */
    fprintf(stderr, "most segments, %d threads running: %zu\n", THREADS, most_segments_running);
    CHECK(most_segments_running <= THREADS + 1);
    for (int t = 0; t < THREADS; t++)
        for (int i = 0; i < LIVE; i++)
            own_free(inherited[t][i]);
    pthread_barrier_destroy(&started);
    pthread_barrier_destroy(&allocated);
}

int main(void)
{
    generations_share_the_segments_left();
    size_t most_segments = 0;
    for (long g = 0; g < GENERATIONS; g++) {
        pthread_t thread;
        CHECK(pthread_create(&thread, NULL, short_lived, (void *)g) == 0);
        pthread_join(thread, NULL);
        /* Free the previous generation's blocks: frees into pages whose thread is gone. */
        if (g > 0)
            for (int i = 0; i < KEPT; i++) {
                CHECK(kept[g - 1][i][0] == (char)(g - 1) && kept[g - 1][i][47] == (char)(g - 1));
                own_free(kept[g - 1][i]);
            }
        own_heap_stats stats;
        own_heap_stats_get(&stats);
        if (stats.segments > most_segments) most_segments = stats.segments;
    }
    for (int i = 0; i < KEPT; i++)
        own_free(kept[GENERATIONS - 1][i]);
    /* One generation needs about 1.3 MiB; without reclaiming, 200 would need 60+ segments. */
    fprintf(stderr, "most segments at once: %zu\n", most_segments);
    CHECK(most_segments <= 6);
    return TEST_DONE();
}
