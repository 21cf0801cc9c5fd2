/* threads.c: the stacks of threads that have ended, which the leak scan leaves out.
 *
 * glibc keeps the stacks of ended threads (up to 40 MiB of them) to give to new threads, with
 * whatever words their last frames held: a pointer to a block the thread lost stays there, and
 * the scan at exit would count the block as reached. So libown-malloc.so's pthread_create starts
 * each thread through start_followed, which notes where the thread's own frames begin, below
 * glibc's start frame and the thread's TLS, and marks that part ended when the thread returns,
 * exits or is cancelled. The scan skips the ended parts (own__ended_stacks_each); the TLS and
 * glibc's thread descriptor above them stay roots, as they point to blocks glibc still uses. A
 * stack a new thread takes over is marked live again before its start routine runs. glibc may
 * also unmap a stack and the address be mapped again for something else: the scan (leaks.c)
 * skips the frames only of a mapping whose bounds are still exactly the ended stack's, right
 * above a guard page. (In a child after fork the other threads' frames stay roots: what they
 * held is the parent's, not lost.)
 *
 * Not followed: threads on a stack of the program's own (pthread_attr_setstack: that memory is
 * the program's again once the thread ends), threads beyond 256 alive at once (scanned whole, as
 * before), and everything when the checked heap or its leak listing is off. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>

#include <own/heap.h>

#include "preload/checked.h"

enum { FREE, LIVE, ENDED, TAKING };

typedef struct followed_stack {
    _Atomic uintptr_t low;        /* the stack's lowest byte (its key), 0 while the entry is free */
    _Atomic uintptr_t high;       /* one past its highest byte */
    _Atomic uintptr_t frames_end; /* where the thread's own frames begin (they grow down) */
    _Atomic int state;
} followed_stack;

static followed_stack followed[OWN_FOLLOWED_THREADS];

/* The entry for the stack at `low`: the one it had (a stack taken over from an ended thread),
 * else a free one, else one of an ended thread taken back (its dead frames are roots again:
 * safe). NULL when every entry is a live thread's. */
static followed_stack *entry_for(uintptr_t low)
{
    for (size_t i = 0; i < OWN_FOLLOWED_THREADS; i++)
        if (atomic_load_explicit(&followed[i].low, memory_order_acquire) == low)
            return &followed[i];
    for (size_t i = 0; i < OWN_FOLLOWED_THREADS; i++) {
        uintptr_t none = 0;
        if (atomic_compare_exchange_strong(&followed[i].low, &none, low)) return &followed[i];
    }
    for (size_t i = 0; i < OWN_FOLLOWED_THREADS; i++) {
        int ended = ENDED;
        if (atomic_compare_exchange_strong(&followed[i].state, &ended, TAKING)) {
            atomic_store_explicit(&followed[i].low, low, memory_order_release);
            return &followed[i];
        }
    }
    return NULL;
}

/* The entry of the calling thread's stack, marked live from `frames_end` down. Out of line:
 * start_followed sets a jump buffer (pthread_cleanup_push) around the thread. */
static __attribute__((noinline)) followed_stack *stack_begins(uintptr_t frames_end)
{
    pthread_attr_t attr;
    void *low;
    size_t size;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return NULL;
    bool found = pthread_attr_getstack(&attr, &low, &size) == 0;
    pthread_attr_destroy(&attr);
    if (!found || !low) return NULL;
    followed_stack *entry = entry_for((uintptr_t)low);
    if (!entry) return NULL;
    atomic_store_explicit(&entry->high, (uintptr_t)low + size, memory_order_relaxed);
    atomic_store_explicit(&entry->frames_end, frames_end, memory_order_relaxed);
    atomic_store_explicit(&entry->state, LIVE, memory_order_release);
    return entry;
}

static void stack_ends(void *entry)
{
    if (entry)
        atomic_store_explicit(&((followed_stack *)entry)->state, ENDED, memory_order_release);
}

typedef struct thread_start {
    void *(*routine)(void *);
    void *arg;
} thread_start;

static void *start_followed(void *start_info)
{
    thread_start start = *(thread_start *)start_info;
    own_free(start_info);
    followed_stack *entry = stack_begins((uintptr_t)__builtin_frame_address(0));
    void *result;
    pthread_cleanup_push(stack_ends, entry);
    result = start.routine(start.arg);
    pthread_cleanup_pop(1);
    return result;
}

static bool following(const pthread_attr_t *attr)
{
    void *own_stack = NULL;
    size_t size;
    if (attr && pthread_attr_getstack(attr, &own_stack, &size) == 0 && own_stack) return false;
    return own__options()->checked && own__options()->leaks;
}

__attribute__((visibility("default"))) int
pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*routine)(void *), void *arg)
{
    typedef int create_call(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    static create_call *next_create; /* glibc's */
    create_call *next = __atomic_load_n(&next_create, __ATOMIC_ACQUIRE);
    if (!next) {
        *(void **)&next = dlsym(RTLD_NEXT, "pthread_create");
        if (!next) return EAGAIN;
        __atomic_store_n(&next_create, next, __ATOMIC_RELEASE);
    }
    thread_start *start = following(attr) ? own_malloc(sizeof *start) : NULL;
    if (!start) return next(thread, attr, routine, arg);
    start->routine = routine;
    start->arg = arg;
    int error = next(thread, attr, start_followed, start);
    if (error) own_free(start);
    return error;
}

void own__ended_stacks_each(void (*each)(uintptr_t low, uintptr_t frames_end, uintptr_t high,
                                         void *arg),
                            void *arg)
{
    for (size_t i = 0; i < OWN_FOLLOWED_THREADS; i++)
        if (atomic_load_explicit(&followed[i].state, memory_order_acquire) == ENDED)
            each(atomic_load_explicit(&followed[i].low, memory_order_relaxed),
                 atomic_load_explicit(&followed[i].frames_end, memory_order_relaxed),
                 atomic_load_explicit(&followed[i].high, memory_order_relaxed), arg);
}
