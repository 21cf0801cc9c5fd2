/* registry.c: which owned blocks are alive — per-thread shards with registries of live blocks, the
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
/* Doubles the registry (64 slots at first) and stacks the new slots as free, lowest on top.
 * Under the shards lock: the leak listing reads the array under it, so the old one can go. */
bool own__registry_grow(own__shard *s)
{
    uint32_t old_capacity = s->capacity;
    uint32_t capacity = old_capacity ? old_capacity * 2 : 64;
    if (capacity <= old_capacity || capacity == OWN_NO_SLOT) return false;
    own__slot *slots = own_malloc(capacity * sizeof *slots);
    if (!slots) return false;
    for (uint32_t i = 0; i < old_capacity; i++)
        atomic_init(&slots[i], atomic_load_explicit(&s->slots[i], memory_order_relaxed));
    for (uint32_t i = old_capacity; i < capacity; i++)
        atomic_init(&slots[i], i + 1 < capacity ? ((uintptr_t)(i + 1) << 1) | 1
                                                : ((uintptr_t)s->free_slot << 1) | 1);
    pthread_mutex_lock(&shards_lock);
    own__slot *old = s->slots;
    s->slots = slots;
    s->capacity = capacity;
    pthread_mutex_unlock(&shards_lock);
    s->free_slot = old_capacity;
    own_free(old);
    return true;
}

void own__quarantine_evict(own__shard *s, struct own__block *b)
{
    own__registry_unlink(s, b);
    b->magic = 0; /* from now on, handles to it are judged without reading it */
    if (own_unlikely(own__trace_stacks)) own__traces_forget(b);
    own__free_known(b); /* a block own_new allocated: no need to check it again */
}

void own__shard_collect(own__shard *s)
{
    struct own__block *b = atomic_exchange_explicit(&s->remote, NULL, memory_order_acquire);
    while (b) {
        struct own__block *next = b->remote_next;
        own__quarantine_put(s, b);
        b = next;
    }
}

static void flush(own__shard *s)
{
    own__shard_collect(s);
    for (unsigned i = 0; i < OWN_QUARANTINE; i++) {
        if (s->quarantine[i]) {
            own__quarantine_evict(s, s->quarantine[i]);
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
    own__report_begin_formatted(&r, "leak", text, n);
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
            s->free_slot = OWN_NO_SLOT;
            atomic_store(&s->in_use, true);
            s->all_next = all_shards;
            all_shards = s;
        }
    }
    pthread_mutex_unlock(&shards_lock);
    if (!s) return NULL;
    s->watch_shared = own__options()->check_shared;
    /* Owner tags carry the creating thread's number (lifecycle.c): the adopter's from now on. */
    s->thread_number = own__me();
    uint64_t thread_bits = (uint64_t)(s->thread_number & 0x3ff) << 12;
    s->last_tag = (s->last_tag & ~(UINT64_C(0x3ff) << 12)) | thread_bits | 1;
    if (own__options()->backtrace) own__trace_stacks = true;
    s->plain_creates = !s->watch_shared && !own__trace_stacks;
    own__my_shard = s;
    pthread_setspecific(exit_key, s);
    return s;
}

void own__registry_retire(struct own__block *b)
{
    own__shard *mine = own__my_shard;
    if (!mine) mine = own__shard_start();
    own__shard *home = b->home;
    if (home == mine) {
        own__quarantine_put(home, b);
        return;
    }
    struct own__block *top = atomic_load_explicit(&home->remote, memory_order_relaxed);
    do {
        b->remote_next = top;
    } while (!atomic_compare_exchange_weak_explicit(&home->remote, &top, b, memory_order_release,
                                                    memory_order_relaxed));
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

/* Walks every shard's registry, counting the live blocks (and their bytes, and grouping them by
 * site when `sites` is given). Quarantined blocks, and blocks dropped by other threads but not
 * yet collected by their home, are DEAD in their word and skipped. Other threads may still run:
 * this is a snapshot under the shards lock, exact when they are quiet (at exit, or when the
 * caller has synchronised). */
static size_t walk_live(leak_site *sites, size_t *n, size_t *others, size_t *bytes)
{
    size_t blocks = 0;
    pthread_mutex_lock(&shards_lock);
    for (own__shard *s = all_shards; s; s = s->all_next) {
        for (uint32_t i = 0; i < s->capacity; i++) {
            uintptr_t slot = atomic_load_explicit(&s->slots[i], memory_order_acquire);
            if (slot & 1) continue; /* a free slot */
            struct own__block *b = (struct own__block *)slot;
            if (atomic_load_explicit(&b->word, memory_order_acquire) & OWN__WORD_DEAD) continue;
            blocks++;
            if (!sites) continue;
            add(sites, n, others, b);
            *bytes += b->size;
        }
    }
    pthread_mutex_unlock(&shards_lock);
    return blocks;
}

size_t own_live_blocks(void)
{
    return walk_live(NULL, NULL, NULL, NULL);
}

size_t own_leaks(FILE *out)
{
    if (!out) out = stderr;
    leak_site sites[OWN_LEAK_SITES];
    size_t n = 0, others = 0, bytes = 0;
    size_t blocks = walk_live(sites, &n, &others, &bytes);
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
