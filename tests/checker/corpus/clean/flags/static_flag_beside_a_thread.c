// memcached's assoc.c: the expansion thread moves the old table's buckets while `expanding`
// says so, then clears the flag and frees the old table; the loop's next test of the flag ends
// it. The thread function's address is taken (pthread_create), so a call that may call back
// into the file forgets the flag; pthread_mutex_lock, handed no function, does not.
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

static bool expanding;
static void **old_table;
static unsigned expand_bucket, old_size;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static long table_bytes;

static void *maintenance(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100 && expanding; i++) {
        old_table[expand_bucket] = NULL;
        expand_bucket++;
        if (expand_bucket == old_size) {
            expanding = false;
            free(old_table);
            pthread_mutex_lock(&stats_lock);
            table_bytes -= (long)old_size * (long)sizeof(void *);
            pthread_mutex_unlock(&stats_lock);
        }
    }
    return NULL;
}

int start_maintenance(void)
{
    pthread_t thread;
    old_table = calloc(16, sizeof *old_table);
    if (!old_table) return -1;
    old_size = 16;
    expanding = true;
    return pthread_create(&thread, NULL, maintenance, NULL);
}
