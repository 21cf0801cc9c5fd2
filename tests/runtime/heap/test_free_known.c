/* test_free_known.c: own__free_known, the free of a block its caller knows own gave out (the
 * ownership layer's quarantine uses it). Small blocks of every class, arena and huge blocks, and
 * blocks freed from another thread all go back to the heap: the statistics count them out (a
 * block freed remotely once its page's owner collects it), the memory is handed out again, and
 * nothing is reported. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include <own/own.h>

#include "heap/heap.h"
#include "own_test.h"

static size_t blocks_in_use(void)
{
    own_heap_stats st;
    own_heap_stats_get(&st);
    return st.allocated_blocks;
}

/* A freed small block is the next one of its class: it went onto the local free list. */
static void check_small_blocks(void)
{
    own_heap_stats st;
    own_heap_stats_get(&st);
    for (size_t c = 1; c < st.class_count; c++) {
        size_t size = st.classes[c].block_size;
        char *keep = own_malloc(size); /* the page stays in use after p goes */
        char *p = own_malloc(size);
        memset(p, 0xab, size);
        size_t before = blocks_in_use();
        own__free_known(p);
        CHECK_EQ_INT(blocks_in_use(), before - 1);
        char *again = own_malloc(size);
        CHECK(again == p);
        own__free_known(again);
        own__free_known(keep);
    }
}

static void check_big_blocks(void)
{
    size_t sizes[] = {300 << 10, 4 << 20, 16 << 20, 40 << 20};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        size_t before = blocks_in_use();
        char *p = own_malloc(sizes[i]);
        CHECK(p != NULL);
        p[0] = 1;
        p[sizes[i] - 1] = 2;
        CHECK_EQ_INT(blocks_in_use(), before + 1);
        own__free_known(p);
        CHECK_EQ_INT(blocks_in_use(), before);
    }
    /* Aligned beyond a segment: the block starts in a slot its mapping's start is below. */
    void *aligned = own_aligned_alloc((size_t)8 << 20, 100);
    CHECK(aligned != NULL && (uintptr_t)aligned % ((size_t)8 << 20) == 0);
    size_t before = blocks_in_use();
    own__free_known(aligned);
    CHECK_EQ_INT(blocks_in_use(), before - 1);
}

enum { REMOTE = 1000 };
static char *remote[REMOTE];

static void *free_them(void *arg)
{
    (void)arg;
    for (int i = 0; i < REMOTE; i++)
        own__free_known(remote[i]);
    return NULL;
}

/* Blocks freed by another thread reach their page's thread_free stack and are collected. */
static void check_other_thread(void)
{
    for (int i = 0; i < REMOTE; i++) {
        remote[i] = own_malloc(32 + (size_t)(i % 7) * 16);
        memset(remote[i], i, 32);
    }
    pthread_t t;
    CHECK(pthread_create(&t, NULL, free_them, NULL) == 0);
    pthread_join(t, NULL);
    /* The freed blocks come back to this thread's allocations once its free lists run dry. */
    bool reused = false;
    char *again[REMOTE];
    for (int i = 0; i < REMOTE; i++) {
        again[i] = own_malloc(32);
        for (int j = 0; j < REMOTE && !reused; j++)
            reused = again[i] == remote[j];
    }
    CHECK(reused);
    for (int i = 0; i < REMOTE; i++)
        own__free_known(again[i]);
}

int main(void)
{
    check_small_blocks();
    check_big_blocks();
    check_other_thread();
    CHECK_EQ_INT(own_error_count(), 0);
    return TEST_DONE();
}
