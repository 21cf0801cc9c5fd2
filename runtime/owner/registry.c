/* registry.c: which owned blocks are alive — per-thread shards with lists of live blocks, the
 * quarantine of dropped ones, and the leak listing ("a random paper left on the heap"), grouped
 * by allocation site, on demand (own_leaks) and at exit. Layout and rules: block.h. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "owner/block.h"

__thread struct own__thread own__thread;
__thread own__shard *own__my_shard;

static pthread_mutex_t shards_lock = PTHREAD_MUTEX_INITIALIZER;
static own__shard *all_shards;
static pthread_key_t exit_key;
static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
/* Drops by a thread that could not get a shard (out of memory): counted here instead. */
static _Atomic long dropped_without_shard;

static void count_live(own__shard *s, long change)
{
    atomic_store_explicit(&s->live, atomic_load_explicit(&s->live, memory_order_relaxed) + change,
                          memory_order_relaxed);
}

static void unlink_block(own__shard *s, struct own__block *b)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        s->first = b->next;
    if (b->next) b->next->prev = b->prev;
    b->next = b->prev = NULL;
}

static void quarantine(own__shard *s, struct own__block *b)
{
    unsigned i = s->quarantine_next++ % OWN_QUARANTINE;
    struct own__block *old = s->quarantine[i];
    s->quarantine[i] = b;
    if (old) {
        old->magic = 0; /* from now on, handles to it are judged without reading it */
        if (own_unlikely(own__trace_stacks)) own__traces_forget(old);
        own__free_known(old); /* a block own_new allocated: no need to check it again */
    }
}

void own__shard_collect(own__shard *s)
{
    struct own__block *b = atomic_exchange_explicit(&s->remote, NULL, memory_order_acquire);
    while (b) {
        struct own__block *next = b->remote_next;
        unlink_block(s, b);
        quarantine(s, b);
        b = next;
    }
}

static void flush(own__shard *s)
{
    own__shard_collect(s);
    for (unsigned i = 0; i < OWN_QUARANTINE; i++) {
        if (s->quarantine[i]) {
            s->quarantine[i]->magic = 0;
            if (own__trace_stacks) own__traces_forget(s->quarantine[i]);
            own_free(s->quarantine[i]);
            s->quarantine[i] = NULL;
        }
    }
}

/* Thread exit: the quarantine goes back to the heap; the list (leaks, or blocks handed to other
 * threads) stays with the shard, which the next new thread adopts. */
static void thread_exit(void *arg)
{
    own__shard *s = arg;
    flush(s);
    own__my_shard = NULL;
    atomic_store_explicit(&s->in_use, false, memory_order_release);
}

static void at_exit(void)
{
    if (!own__options()->leaks || own_live_blocks() == 0) return;
    own_report r;
    char text[sizeof r.text];
    FILE *out = fmemopen(text, sizeof text, "w");
    if (!out) return;
    size_t count = own_leaks(out);
    fclose(out);
    if (!count) return;
    /* own_leaks wrote a report already formatted: hand it to the policy as one report. */
    size_t n = strnlen(text, sizeof text - 1);
    if (n && text[n - 1] == '\n') n--;
    r.kind = "leak";
    memcpy(r.text, text, n);
    r.text[n] = 0;
    r.length = n;
    own__report_finish(&r);
}

static void setup(void)
{
    pthread_key_create(&exit_key, thread_exit);
    atexit(at_exit);
}

own__shard *own__shard_start(void)
{
    pthread_once(&setup_once, setup);
    own__me();
    own__shard *s = NULL;
    pthread_mutex_lock(&shards_lock);
    for (own__shard *t = all_shards; t; t = t->all_next) {
        bool idle = false;
        if (atomic_compare_exchange_strong(&t->in_use, &idle, true)) {
            s = t;
            break;
        }
    }
    if (!s) {
        s = own_calloc(1, sizeof *s);
        if (s) {
            atomic_store(&s->in_use, true);
            s->all_next = all_shards;
            all_shards = s;
        }
    }
    pthread_mutex_unlock(&shards_lock);
    if (!s) return NULL;
    s->watch_shared = own__options()->check_shared;
    if (own__options()->backtrace) own__trace_stacks = true;
    own__my_shard = s;
    pthread_setspecific(exit_key, s);
    return s;
}

void own__registry_link(own__shard *s, struct own__block *b)
{
    b->home = s;
    b->prev = NULL;
    b->next = s->first;
    if (s->first) s->first->prev = b;
    s->first = b;
    count_live(s, 1);
    if (own_unlikely(atomic_load_explicit(&s->remote, memory_order_relaxed) != NULL))
        own__shard_collect(s);
}

void own__registry_retire(struct own__block *b)
{
    own__shard *mine = own__my_shard;
    if (!mine) mine = own__shard_start();
    if (own_likely(mine != NULL))
        count_live(mine, -1);
    else
        atomic_fetch_add_explicit(&dropped_without_shard, 1, memory_order_relaxed);
    own__shard *home = b->home;
    if (home == mine) {
        unlink_block(home, b);
        quarantine(home, b);
        return;
    }
    struct own__block *top = atomic_load_explicit(&home->remote, memory_order_relaxed);
    do {
        b->remote_next = top;
    } while (!atomic_compare_exchange_weak_explicit(&home->remote, &top, b, memory_order_release,
                                                    memory_order_relaxed));
}

/* A sum over the shards under the shards lock: exact when the other threads are quiet. */
size_t own_live_blocks(void)
{
    long live = -atomic_load_explicit(&dropped_without_shard, memory_order_relaxed);
    pthread_mutex_lock(&shards_lock);
    for (own__shard *s = all_shards; s; s = s->all_next)
        live += atomic_load_explicit(&s->live, memory_order_relaxed);
    pthread_mutex_unlock(&shards_lock);
    return live > 0 ? (size_t)live : 0;
}

/* ---- The leak listing ------------------------------------------------------------------------ */

typedef struct leak_site {
    const own_src *src;
    unsigned thread;
    size_t blocks, bytes;
} leak_site;

#define OWN_LEAK_SITES 64

static void add(leak_site *sites, size_t *n, size_t *others, struct own__block *b)
{
    for (size_t i = 0; i < *n; i++) {
        if (sites[i].src == b->alloc_site) {
            sites[i].blocks++;
            sites[i].bytes += b->size;
            return;
        }
    }
    if (*n == OWN_LEAK_SITES) {
        (*others)++;
        return;
    }
    sites[(*n)++] = (leak_site){b->alloc_site, b->alloc_thread, 1, b->size};
}

static int by_bytes(const void *a, const void *b)
{
    const leak_site *x = a, *y = b;
    return x->bytes < y->bytes ? 1 : x->bytes > y->bytes ? -1 : 0;
}

/* Walks every shard's list. Blocks dropped by other threads but not yet collected by their home
 * are DEAD in their word and skipped. Other threads may still run: this is a snapshot under the
 * shards lock, exact when they are quiet (at exit, or when the caller has synchronised). */
size_t own_leaks(FILE *out)
{
    if (!out) out = stderr;
    leak_site sites[OWN_LEAK_SITES];
    size_t n = 0, others = 0, blocks = 0, bytes = 0;
    pthread_mutex_lock(&shards_lock);
    for (own__shard *s = all_shards; s; s = s->all_next) {
        for (struct own__block *b = s->first; b; b = b->next) {
            if (atomic_load_explicit(&b->word, memory_order_acquire) & OWN__WORD_DEAD) continue;
            add(sites, &n, &others, b);
            blocks++;
            bytes += b->size;
        }
    }
    pthread_mutex_unlock(&shards_lock);
    if (!blocks) return 0;
    qsort(sites, n, sizeof *sites, by_bytes);
    fprintf(out,
            "error[leak]: %zu owned block%s (%zu bytes) never dropped, from %zu allocation "
            "site%s\n",
            blocks, blocks == 1 ? "" : "s", bytes, n + (others ? 1 : 0), n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const own_src *src = sites[i].src;
        fprintf(out, "  --> %s:%d in %s (thread %u)\n", src ? src->file : "?", src ? src->line : 0,
                src ? src->function : "?", sites[i].thread);
        fprintf(out, "   = note: %zu block%s, %zu bytes, allocated there and never dropped\n",
                sites[i].blocks, sites[i].blocks == 1 ? "" : "s", sites[i].bytes);
    }
    if (others) fprintf(out, "   = note: and %zu more blocks from other sites\n", others);
    fprintf(out, "   = help: drop every owner with own_drop, or declare it OWN_SCOPED\n");
    return blocks;
}
