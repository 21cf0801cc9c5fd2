/* larson: a server-like workload after Larson and Krishnan's benchmark. Four threads each keep
 * 2000 live blocks (8 B–1 KiB) and replace a random one per step; every 64 steps a thread hands 32
 * of its blocks to the next thread, and it frees whatever the previous thread handed to it. The
 * threads end in generations: each of 4 generations of threads inherits the blocks (and the mail)
 * of the one before, so blocks outlive the thread that allocated them. */
#include <pthread.h>

#include "workload.h"

#define THREADS     4
#define GENERATIONS 4
#define SLOTS       2000
#define HANDOFF     32

typedef struct block {
    unsigned char *p;
    size_t size;
    unsigned char tag;
} block;

typedef struct parcel {
    struct parcel *next;
    block item[HANDOFF];
} parcel;

typedef struct mailbox {
    pthread_mutex_t lock;
    parcel *first;
    int pending; /* parcels waiting: bounded so that a descheduled reader does not pile up memory */
} mailbox;

#define MAX_PENDING 8

typedef struct worker {
    int index, generation;
    size_t steps;
    block slot[SLOTS];
    uint64_t sum;
} worker;

static mailbox mail[THREADS];

static uint64_t release(block *b)
{
    if (!b->p) return 0;
    uint64_t sum = wl_check(b->p, b->size, b->tag, "larson");
    free(b->p);
    b->p = NULL;
    return sum;
}

static uint64_t drain(mailbox *m)
{
    pthread_mutex_lock(&m->lock);
    parcel *list = m->first;
    m->first = NULL;
    m->pending = 0;
    pthread_mutex_unlock(&m->lock);
    uint64_t sum = 0;
    while (list) {
        parcel *next = list->next;
        for (int i = 0; i < HANDOFF; i++)
            sum += release(&list->item[i]);
        free(list);
        list = next;
    }
    return sum;
}

static void *run(void *arg)
{
    worker *w = arg;
    uint64_t rng = 0x6A09E667F3BCC909ULL ^ ((uint64_t)w->index << 32) ^ (uint64_t)w->generation;
    for (size_t step = 1; step <= w->steps; step++) {
        block *b = &w->slot[wl_next(&rng) % SLOTS];
        w->sum += release(b);
        b->size = wl_range(&rng, 8, 1024);
        b->tag = (unsigned char)(step + (size_t)w->index);
        b->p = wl_malloc(b->size, "larson");
        wl_stamp(b->p, b->size, b->tag);
        if (step % 64 == 0) {
            /* Every block is checked once when it is freed, by whichever thread frees it, so the
             * checksum does not depend on how the threads were scheduled. */
            size_t first = wl_next(&rng) % (SLOTS - HANDOFF);
            mailbox *m = &mail[(w->index + 1) % THREADS];
            parcel *out = wl_malloc(sizeof *out, "larson");
            for (int i = 0; i < HANDOFF; i++)
                out->item[i] = w->slot[first + (size_t)i];
            pthread_mutex_lock(&m->lock);
            int posted = m->pending < MAX_PENDING;
            if (posted) {
                out->next = m->first;
                m->first = out;
                m->pending++;
            }
            pthread_mutex_unlock(&m->lock);
            if (posted)
                for (int i = 0; i < HANDOFF; i++)
                    w->slot[first + (size_t)i].p = NULL;
            else
                free(out);
            w->sum += drain(&mail[w->index]);
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    size_t steps = wl_scaled(1000000, wl_scale(argc, argv));
    static worker workers[THREADS];
    uint64_t sum = 0;

    for (int t = 0; t < THREADS; t++)
        pthread_mutex_init(&mail[t].lock, NULL);
    for (int g = 0; g < GENERATIONS; g++) {
        pthread_t thread[THREADS];
        for (int t = 0; t < THREADS; t++) {
            workers[t].index = t;
            workers[t].generation = g;
            workers[t].steps = steps;
            pthread_create(&thread[t], NULL, run, &workers[t]);
        }
        for (int t = 0; t < THREADS; t++)
            pthread_join(thread[t], NULL);
    }
    for (int t = 0; t < THREADS; t++) {
        sum += workers[t].sum + drain(&mail[t]);
        for (int i = 0; i < SLOTS; i++)
            sum += release(&workers[t].slot[i]);
    }
    return wl_finish("larson", sum);
}
