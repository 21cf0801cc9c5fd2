/* xthread: producer/consumer pairs that free across threads. Two producers allocate batches of
 * 256 blocks (16 B–2 KiB), stamp them and pass each batch through a bounded channel to their
 * consumer, which checks and frees every block: all frees are remote frees, the path that
 * per-thread heaps must hand back to the owning thread. 4 threads. */
#include <pthread.h>

#include "workload.h"

#define PAIRS 2
#define BATCH 256
#define DEPTH 8

typedef struct batch {
    unsigned char *block[BATCH];
    size_t size[BATCH];
    unsigned char tag;
} batch;

typedef struct channel {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch *slot[DEPTH];
    size_t head, count;
    size_t batches; /* batches the producer makes */
    uint64_t seed, sum;
} channel;

static void put(channel *c, batch *b)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == DEPTH)
        pthread_cond_wait(&c->changed, &c->lock);
    c->slot[(c->head + c->count++) % DEPTH] = b;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
}

static batch *take(channel *c)
{
    pthread_mutex_lock(&c->lock);
    while (c->count == 0)
        pthread_cond_wait(&c->changed, &c->lock);
    batch *b = c->slot[c->head];
    c->head = (c->head + 1) % DEPTH;
    c->count--;
    pthread_cond_broadcast(&c->changed);
    pthread_mutex_unlock(&c->lock);
    return b;
}

static void *produce(void *arg)
{
    channel *c = arg;
    uint64_t rng = c->seed;
    for (size_t n = 0; n < c->batches; n++) {
        batch *b = wl_malloc(sizeof *b, "xthread");
        b->tag = (unsigned char)n;
        for (size_t i = 0; i < BATCH; i++) {
            b->size[i] = wl_next(&rng) % 8 ? wl_range(&rng, 16, 256) : wl_range(&rng, 257, 2048);
            b->block[i] = wl_malloc(b->size[i], "xthread");
            wl_stamp(b->block[i], b->size[i], b->tag);
        }
        put(c, b);
    }
    return NULL;
}

static void *consume(void *arg)
{
    channel *c = arg;
    for (size_t n = 0; n < c->batches; n++) {
        batch *b = take(c);
        for (size_t i = 0; i < BATCH; i++) {
            c->sum += wl_check(b->block[i], b->size[i], b->tag, "xthread");
            free(b->block[i]);
        }
        free(b);
    }
    return NULL;
}

int main(int argc, char **argv)
{
    size_t batches = wl_scaled(9000, wl_scale(argc, argv));
    channel chan[PAIRS];
    pthread_t producer[PAIRS], consumer[PAIRS];
    uint64_t sum = 0;

    for (int p = 0; p < PAIRS; p++) {
        channel *c = &chan[p];
        pthread_mutex_init(&c->lock, NULL);
        pthread_cond_init(&c->changed, NULL);
        c->head = c->count = 0;
        c->batches = batches;
        c->seed = 0xA0761D6478BD642FULL + (uint64_t)p * 0x9E3779B97F4A7C15ULL;
        c->sum = 0;
        pthread_create(&consumer[p], NULL, consume, c);
        pthread_create(&producer[p], NULL, produce, c);
    }
    for (int p = 0; p < PAIRS; p++) {
        pthread_join(producer[p], NULL);
        pthread_join(consumer[p], NULL);
        sum += chan[p].sum;
    }
    return wl_finish("xthread", sum);
}
