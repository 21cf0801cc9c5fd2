/* test_thread_exit.c: a thread's pages outlive it when its blocks do — they are adopted by a thread
 * that needs pages — and a thread's empty pages are given back, so creating many short-lived
 * threads does not grow the heap without bound. */
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
        if (i % (BLOCKS / KEPT) == 0) kept[generation][i / (BLOCKS / KEPT)] = blocks[i];
        else own_free(blocks[i]);
    }
    own_free(blocks);
    return NULL;
}

int main(void)
{
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
    for (int i = 0; i < KEPT; i++) own_free(kept[GENERATIONS - 1][i]);
    /* One generation needs about 1.3 MiB; without reclaiming, 200 would need 60+ segments. */
    fprintf(stderr, "most segments at once: %zu\n", most_segments);
    CHECK(most_segments <= 6);
    return TEST_DONE();
}
