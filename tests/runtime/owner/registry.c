/* registry.c: the leak registry and the quarantine under churn. A dropped block stays reported
 * with its drop site for the OWN_QUARANTINE - 1 drops that follow it on its thread; then its
 * memory may become a new block (zeroed, listed under its new site only). The leak listing and
 * the live count stay exact after thousands of creates and drops in random order, of every size,
 * with a third of the blocks dropped by other threads than their creators. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "capture.h"

/* The depth the ownership layer promises (runtime/owner/block.h). */
#define QUARANTINE 64

/* Runs in a thread of its own, whose quarantine starts empty. */
static void *stale_handle_after_drops(void *arg)
{
    (void)arg;
    own_box a = own_new(64);
    int alloc_line = __LINE__ - 1;
    own_mut w = own_borrow_mut(&a);
    memset(w.ptr, 0xab, 64);
    own_release(w);
    void *memory = a.ptr;
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    for (int i = 0; i < QUARANTINE - 1; i++) {
        own_box t = own_new(64);
        own_drop(&t);
    }
    CHECK_NO_REPORT();
    CHECK(own_get(&a) == NULL);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("use-after-free", "block of 64 bytes used after it was dropped", AT(use_line),
                 AT(drop_line), AT(alloc_line));

    /* The next block of its size class takes the oldest dropped block's memory. */
    own_box b = own_new(40);
    int new_line = __LINE__ - 1;
    CHECK(b.ptr == memory);
    own_ref r = own_borrow(&b);
    for (int i = 0; i < 40; i++)
        CHECK(((const unsigned char *)r.ptr)[i] == 0);
    own_release(r);
    CHECK_EQ_INT(own_size(&b), 40);
    char text[4096] = {0};
    FILE *out = fmemopen(text, sizeof text, "w");
    CHECK_EQ_INT(own_leaks(out), 1);
    fclose(out);
    CHECK(strstr(text, "1 block, 40 bytes") != NULL);
    CHECK(strstr(text, AT(new_line)) != NULL);
    CHECK(strstr(text, AT(alloc_line)) == NULL);
    CHECK(own_get(&a) == NULL);
    CHECK_REPORT("use-after-free", "its memory has been reused since");
    own_drop(&a);
    CHECK_REPORT("double-free");
    own_drop(&b);
    CHECK_NO_REPORT();
    return NULL;
}

#define THREADS 4
#define BLOCKS  3000
#define KEPT    25

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static own_box pool[THREADS * BLOCKS];
static int pool_count;
static own_box kept[THREADS][KEPT];
static size_t kept_bytes[THREADS];
static atomic_int kept_line;

static unsigned next_random(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

/* Sizes on both sides of every limit: recycled or not, zeroed in line or not, small or huge. */
static size_t some_size(unsigned *seed)
{
    static const size_t sizes[] = {0, 1, 16, 24, 64, 100, 256, 257, 500, 896, 897, 5000};
    return sizes[next_random(seed) % (sizeof sizes / sizeof sizes[0])];
}

static void give_away(own_box b)
{
    pthread_mutex_lock(&pool_lock);
    pool[pool_count++] = b;
    pthread_mutex_unlock(&pool_lock);
}

static own_box take_one(void)
{
    own_box b = {NULL, 0};
    pthread_mutex_lock(&pool_lock);
    if (pool_count) b = pool[--pool_count];
    pthread_mutex_unlock(&pool_lock);
    return b;
}

static void *churn(void *arg)
{
    int t = (int)(intptr_t)arg;
    unsigned seed = 12345u + (unsigned)t;
    own_box *mine = malloc(BLOCKS * sizeof *mine);
    for (int i = 0; i < BLOCKS; i++)
        mine[i] = own_new(some_size(&seed));
    for (int i = BLOCKS - 1; i > 0; i--) {
        int j = (int)(next_random(&seed) % (unsigned)(i + 1));
        own_box swap = mine[i];
        mine[i] = mine[j];
        mine[j] = swap;
    }
    for (int i = 0; i < BLOCKS; i++) {
        if (i % 3 == 0)
            give_away(mine[i]);
        else
            own_drop(&mine[i]);
        own_box other = take_one(); /* often another thread's */
        if (other.ptr) own_drop(&other);
        own_box brief = own_new(some_size(&seed));
        own_drop(&brief);
    }
    for (int k = 0; k < KEPT; k++) {
        kept[t][k] = own_new(8 + (size_t)k * 40);
        atomic_store(&kept_line, __LINE__ - 1);
        kept_bytes[t] += 8 + (size_t)k * 40;
    }
    free(mine);
    return NULL;
}

static void leaks_exact_after_churn(void)
{
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++)
        pthread_create(&threads[t], NULL, churn, (void *)(intptr_t)t);
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    CHECK_NO_REPORT();
    for (own_box b = take_one(); b.ptr; b = take_one())
        own_drop(&b);
    size_t bytes = 0;
    for (int t = 0; t < THREADS; t++)
        bytes += kept_bytes[t];
    CHECK_EQ_INT(own_live_blocks(), THREADS * KEPT);
    char text[4096] = {0}, want[256];
    FILE *out = fmemopen(text, sizeof text, "w");
    CHECK_EQ_INT(own_leaks(out), THREADS * KEPT);
    fclose(out);
    snprintf(want, sizeof want, "error[leak]: %d owned blocks (%zu bytes) never dropped, from 1 ",
             THREADS * KEPT, bytes);
    CHECK(strstr(text, want) != NULL);
    snprintf(want, sizeof want, "%d blocks, %zu bytes", THREADS * KEPT, bytes);
    CHECK(strstr(text, want) != NULL);
    CHECK(strstr(text, AT(atomic_load(&kept_line))) != NULL);

    /* Dropped here, by a thread that created none of them: the listing is empty again. */
    for (int t = 0; t < THREADS; t++)
        for (int k = 0; k < KEPT; k++)
            own_drop(&kept[t][k]);
    CHECK_NO_REPORT();
    CHECK_EQ_INT(own_live_blocks(), 0);
    CHECK_EQ_INT(own_leaks(stdout), 0);
}

int main(void)
{
    capture_start();
    pthread_t thread;
    pthread_create(&thread, NULL, stale_handle_after_drops, NULL);
    pthread_join(thread, NULL);
    CHECK_EQ_INT(own_live_blocks(), 0);
    leaks_exact_after_churn();
    return TEST_DONE();
}
