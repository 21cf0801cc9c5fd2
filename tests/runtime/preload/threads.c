/* threads: a threaded program for the drop-in malloc, run by threads.sh under glibc's malloc and
 * under libown-malloc.so, whose outputs must match. What it does is what real threaded programs do
 * to an allocator and what a thread-caching allocator can get wrong:
 *  - 8 threads allocate and free, and pass blocks to each other through a shared pool (remote
 * frees);
 *  - threads exit while blocks they allocated are still alive, and new threads free them;
 *  - thread-specific data whose destructor frees at thread exit, after the allocator may have
 *    torn down the thread's state;
 *  - fork() while other threads are allocating, and malloc in the child (the allocator's locks
 *    must not be held across fork);
 *  - realloc and calloc from many threads at once.
 * Every block carries a stamp that is checked when it is freed; the output is a checksum that
 * depends only on the work done. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 8
#define POOL    1024

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *pool[POOL];
static size_t pool_size[POOL];
static pthread_key_t scratch_key;

static uint64_t next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static unsigned char *make(size_t size)
{
    unsigned char *p = malloc(size);
    if (!p) {
        fprintf(stderr, "threads: malloc(%zu) failed\n", size);
        exit(2);
    }
    memset(p, (int)(size & 0xff), size);
    return p;
}

static uint64_t check_free(unsigned char *p, size_t size)
{
    if (!p) return 0;
    for (size_t i = 0; i < size; i += 7)
        if (p[i] != (unsigned char)(size & 0xff)) {
            fprintf(stderr, "threads: block %p of %zu bytes corrupted at %zu\n", (void *)p, size,
                    i);
            abort();
        }
    free(p);
    return size;
}

static void free_scratch(void *p)
{
    /* Runs at thread exit, when the thread's allocator state may already be gone. */
    free(p);
}

typedef struct job {
    int index, round;
    uint64_t freed; /* bytes this thread checked and freed: summed up, the same in every run */
} job;

static void *work(void *arg)
{
    job *j = arg;
    uint64_t rng = 0x9E3779B97F4A7C15ULL * (uint64_t)(j->index + 1) + (uint64_t)j->round;
    unsigned char *mine[64] = {0};
    size_t mine_size[64] = {0};

    pthread_setspecific(scratch_key, make(100 + (size_t)j->index));
    for (int step = 0; step < 40000; step++) {
        uint64_t r = next(&rng);
        size_t k = r % 64, size = 1 + (r >> 8) % (r % 16 == 0 ? 20000 : 300);
        j->freed += check_free(mine[k], mine_size[k]);
        mine[k] = make(size);
        mine_size[k] = size;
        if (step % 512 == 0) {
            /* Grow the new block by realloc and allocate a zeroed one. The new block, not one
             * a swap brought in: the checksum must not depend on the schedule. */
            size_t grown = mine_size[k] * 3 + 1;
            unsigned char *p = realloc(mine[k], grown);
            if (!p) exit(2);
            memset(p, (int)(grown & 0xff), grown);
            mine[k] = p;
            mine_size[k] = grown;
            unsigned *z = calloc(1000, sizeof *z);
            if (!z) exit(2);
            for (int i = 0; i < 1000; i++)
                if (z[i]) {
                    fprintf(stderr, "threads: calloc gave non-zero memory\n");
                    abort();
                }
            free(z);
        }
        if (step % 16 == 0) {
            /* Swap one of ours with a block some other thread left in the pool. */
            size_t slot = (r >> 32) % POOL;
            pthread_mutex_lock(&pool_lock);
            unsigned char *theirs = pool[slot];
            size_t theirs_size = pool_size[slot];
            pool[slot] = mine[k];
            pool_size[slot] = mine_size[k];
            pthread_mutex_unlock(&pool_lock);
            mine[k] = theirs;
            mine_size[k] = theirs_size;
        }
    }
    /* Leave half of our blocks in the pool for the next round's threads: they outlive us. */
    pthread_mutex_lock(&pool_lock);
    for (int k = 0; k < 64; k += 2) {
        size_t slot = ((size_t)j->index * 64 + (size_t)k) % POOL;
        unsigned char *old = pool[slot];
        size_t old_size = pool_size[slot];
        pool[slot] = mine[k];
        pool_size[slot] = mine_size[k];
        mine[k] = old;
        mine_size[k] = old_size;
    }
    pthread_mutex_unlock(&pool_lock);
    for (int k = 0; k < 64; k++)
        j->freed += check_free(mine[k], mine_size[k]);
    return NULL;
}

/* Forks while the workers run; the child allocates, frees and exits with a code the parent checks.
 */
static int fork_during_work(void)
{
    pid_t child = fork();
    if (child < 0) return -1;
    if (child == 0) {
        size_t total = 0;
        for (int i = 0; i < 1000; i++) {
            unsigned char *p = make(16 + (size_t)i * 8);
            total += check_free(p, 16 + (size_t)i * 8);
        }
        _exit(total == 4012000 ? 0 : 1);
    }
    int status;
    if (waitpid(child, &status, 0) < 0) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
    uint64_t total = 0;
    pthread_key_create(&scratch_key, free_scratch);
    for (int round = 0; round < 4; round++) {
        pthread_t thread[THREADS];
        job jobs[THREADS];
        for (int t = 0; t < THREADS; t++) {
            jobs[t] = (job){.index = t, .round = round};
            if (pthread_create(&thread[t], NULL, work, &jobs[t])) {
                fprintf(stderr, "threads: pthread_create failed\n");
                return 2;
            }
        }
        int child = fork_during_work();
        if (child != 0) {
            fprintf(stderr, "threads: the child forked in round %d ended with %d\n", round, child);
            return 1;
        }
        for (int t = 0; t < THREADS; t++) {
            pthread_join(thread[t], NULL);
            total += jobs[t].freed;
        }
        printf("round %d: ok\n", round);
    }
    for (int i = 0; i < POOL; i++)
        total += check_free(pool[i], pool_size[i]);
    printf("threads: %d threads x 4 rounds, %llu bytes checked and freed\n", THREADS,
           (unsigned long long)total);
    return 0;
}
