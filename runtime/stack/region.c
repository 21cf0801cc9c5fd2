/* region.c: each thread's stack region — reserved on its first push, with a guard page after it,
 * and handed to a cache when the thread ends so the next thread reuses it. Regions are never
 * unmapped: a stale stack handle checked from any thread reads mapped memory. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>

#include "stack/stack.h"

/* Exported: own/stack.h's inline paths use both. Written only by a forged pop. */
own__frame_record own__stack_unmapped = {.gen = OWN__STACK_POPPED(0)};
__thread own__stack own__stack_tls = {
    .top = (char *)&own__stack_unmapped,
    .frame = &own__stack_unmapped,
};

#define OWN_GUARD 4096u

typedef struct cached_region {
    struct cached_region *next;
    size_t capacity;
} cached_region;

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static cached_region *cache; /* the header lives at the start of each cached region */
static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

/* At thread exit the region goes to the cache, whatever frames it still holds (they are dead). */
static void give_back(void *arg)
{
    own__stack *st = arg;
    if (!st || !st->base) return;
    cached_region *r = (cached_region *)st->base;
    r->capacity = (size_t)(st->end - st->base);
    pthread_mutex_lock(&cache_lock);
    r->next = cache;
    cache = r;
    pthread_mutex_unlock(&cache_lock);
    st->base = st->end = NULL;
    st->top = (char *)&own__stack_unmapped;
    st->frame = &own__stack_unmapped;
}

static void make_exit_key(void)
{
    pthread_key_create(&exit_key, give_back);
}

static size_t round_up(size_t n, size_t to)
{
    return (n + to - 1) / to * to;
}

bool own__stack_map(own__stack *st)
{
    size_t capacity = round_up(st->capacity ? st->capacity : own__options()->stack_size, OWN_GUARD);
    char *base = NULL;
    pthread_mutex_lock(&cache_lock);
    for (cached_region **p = &cache; *p; p = &(*p)->next) {
        if ((*p)->capacity == capacity) {
            base = (char *)*p;
            *p = (*p)->next;
            break;
        }
    }
    pthread_mutex_unlock(&cache_lock);
    if (!base) {
        base = mmap(NULL, capacity + OWN_GUARD, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (base == MAP_FAILED) return false;
        /* Past the end: a write that escapes the bounds checks faults instead of corrupting. */
        mprotect(base + capacity, OWN_GUARD, PROT_NONE);
    }
    st->base = st->top = base;
    st->end = base + capacity;
    own__frame_record *bottom = own__stack_bottom(st);
    bottom->gen = OWN__STACK_POPPED(0); /* no frame's: allocations find it popped */
    bottom->site = bottom->pop_site = NULL;
    bottom->top = base;
    st->frame = bottom;
    st->capacity = capacity;
    if (!st->next_gen) st->next_gen = ((uint64_t)own__thread_number() << 36) + 1;
    pthread_once(&exit_key_once, make_exit_key);
    pthread_setspecific(exit_key, st);
    return true;
}

size_t own_stack_capacity(void)
{
    own__stack *st = &own__stack_tls;
    if (st->base) return (size_t)(st->end - st->base);
    return st->capacity ? st->capacity : own__options()->stack_size;
}

bool own_stack_set_capacity(size_t bytes)
{
    own__stack *st = &own__stack_tls;
    if (own__stack_has_frame(st) || bytes < OWN_GUARD || bytes > OWN__STACK_CAPACITY_MAX)
        return false;
    if (st->base) give_back(st); /* remapped at the next push with the new size */
    st->capacity = bytes;
    return true;
}

size_t own_stack_used(void)
{
    own__stack *st = &own__stack_tls;
    if (!st->base) return 0;
    return (size_t)(st->top - st->base) +
           (size_t)((char *)own__stack_bottom(st) - (char *)st->frame);
}
