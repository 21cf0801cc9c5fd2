/* test_fork.c: a child of fork can allocate and free, also when other threads were inside the heap
 * (holding its locks) at the moment of the fork; blocks of the parent's other threads can be freed
 * in the child. A deadlock fails through the alarm. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <own/own.h>

#include "own_test.h"

enum { BUSY_THREADS = 3, FORKS = 200 };

static atomic_bool stop;
static char *from_thread[BUSY_THREADS];

static void *allocate_and_exit(void *arg)
{
    (void)arg;
    return own_malloc(64); /* leaked on purpose: the thread's heap is abandoned with it */
}

static void *busy(void *arg)
{
    long id = (long)arg;
    from_thread[id] = own_malloc(100);
    strcpy(from_thread[id], "from a thread");
    while (!atomic_load(&stop)) {
        /* Small, medium and huge blocks: every lock of the heap is taken now and then. */
        void *a = own_malloc(64), *b = own_malloc(40000), *c = own_malloc(1 << 20);
        own_heap_stats stats;
        if (id == 0) own_heap_stats_get(&stats);
        own_free(c);
        own_free(b);
        own_free(a);
        pthread_t t; /* thread exit while forking */
        if (id == 1 && pthread_create(&t, NULL, allocate_and_exit, NULL) == 0)
            pthread_join(t, NULL);
    }
    return NULL;
}

static int child(void)
{
    alarm(10);
    for (int i = 0; i < 1000; i++) {
        char *p = own_malloc((size_t)(i % 50) * 100 + 1);
        if (!p) return 3;
        memset(p, 1, (size_t)(i % 50) * 100 + 1);
        own_free(p);
    }
    char *big = own_malloc(5 << 20);
    if (!big) return 4;
    own_free(big);
    /* A block of another thread of the parent. */
    if (strcmp(from_thread[0], "from a thread")) return 5;
    own_free(from_thread[0]);
    return 0;
}

int main(void)
{
    pthread_t threads[BUSY_THREADS];
    for (long i = 0; i < BUSY_THREADS; i++) pthread_create(&threads[i], NULL, busy, (void *)i);
    while (!from_thread[0] || !from_thread[BUSY_THREADS - 1]) usleep(1000);
    int failures = 0;
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid == 0) _exit(child());
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            fprintf(stderr, "child %d: %s %d\n", i, WIFEXITED(status) ? "exit" : "signal",
                    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
            failures++;
        }
    }
    atomic_store(&stop, true);
    for (int i = 0; i < BUSY_THREADS; i++) pthread_join(threads[i], NULL);
    CHECK_EQ_INT(failures, 0);
    return TEST_DONE();
}
