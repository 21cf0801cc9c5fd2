/* quarantine.c: freed blocks of the checked heap wait here before own's heap gets them back, so
 * that a pointer used after its free finds a block nobody else owns yet. Each waits filled with
 * OWN_FREED_BYTE (a big one with its whole pages guarded instead: guard.c), first in first out,
 * while the bytes held stay under OWN_OPTIONS' quarantine_size (64 MiB); a block bigger than that
 * goes back at once, unfilled. When a block leaves (or the program ends) a changed byte is a
 * use-after-free: the write itself is past, so the report names the free that came before it and
 * the allocation. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include <own/heap.h>

#include "preload/checked.h"

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static own_checked_block *first, *last;
static size_t held_bytes;
/* At exit nothing leaves: the checks read blocks without holding the lock. */
static atomic_bool frozen;

static size_t cost(const own_checked_block *b)
{
    return b->base_offset + b->size + b->tail;
}

/* The bytes of a freed block that were filled with OWN_FREED_BYTE: all of them, or for a guarded
 * block (guard.c) those before its first whole page and after its last. Returns how many spans. */
static unsigned filled_spans(const own_checked_block *b, size_t from[2], size_t to[2])
{
    uintptr_t start, end;
    if (b->guard == OWN_GUARD_NONE || !own__guard_pages(b, &start, &end)) {
        from[0] = 0;
        to[0] = b->size;
        return 1;
    }
    uintptr_t user = (uintptr_t)own__checked_user((own_checked_block *)b);
    from[0] = 0;
    to[0] = start - user;
    from[1] = end - user;
    to[1] = b->size;
    return 2;
}

static void check_freed(own_checked_block *b, const char *when)
{
    const uint8_t *user = own__checked_user(b);
    size_t from[2], to[2];
    unsigned spans = filled_spans(b, from, to);
    bool clean = true;
    for (unsigned s = 0; s < spans; s++)
        clean &= own__bytes_all(user + from[s], to[s] - from[s], OWN_FREED_BYTE);
    if (own_likely(clean)) {
        own__redzones_check(b, when, NULL);
        return;
    }
    size_t changed = 0, first = 0, last = 0;
    for (unsigned s = 0; s < spans; s++)
        for (size_t i = from[s]; i < to[s]; i++) {
            if (own_likely(user[i] == OWN_FREED_BYTE)) continue;
            if (!changed++) first = i;
            last = i;
        }
    if (changed) {
        own_report r;
        own__report_begin(&r, "use-after-free",
                          "block of %zu bytes written after it was freed (%zu byte%s changed, "
                          "at offsets %zu to %zu), %s",
                          b->size, changed, changed == 1 ? "" : "s", first, last, when);
        own_site freed = {.code = b->freed.caller, .thread = b->freed.thread};
        own__report_found_at(&r, &freed);
        if (own__options()->backtrace) own__report_stack_frames(&r, "free stack", &b->freed);
        own__report_stack(&r, "allocated", "allocation stack", &b->allocated);
        own__report_line(&r, "   = help: the write came through a pointer kept after this free: "
                             "clear such pointers when freeing the block");
        own__report_finish(&r);
    }
    own__redzones_check(b, when, NULL);
}

static void release(own_checked_block *b)
{
    own__guard_release(b);
    own__checked_blocks_remove(b);
    own_free(own__checked_user(b) - b->base_offset);
}

static void give_back(own_checked_block *b)
{
    check_freed(b, "found when it left quarantine");
    release(b);
}

void own__checked_quarantine_put(own_checked_block *b)
{
    size_t limit = own__options()->quarantine_size;
    if (cost(b) > limit && !atomic_load(&frozen)) {
        /* Too big to wait, so no write after the free could be seen: not filled, which would
         * only make every page of it resident (sort's 3 GiB buffer, touched in a few places). */
        own__redzones_check(b, "found when it was freed", NULL);
        release(b);
        return;
    }
    if (!own__guard_freed(b)) memset(own__checked_user(b), OWN_FREED_BYTE, b->size);
    own_checked_block *leaving = NULL, **leaving_end = &leaving;
    pthread_mutex_lock(&queue_lock);
    b->quarantine_next = NULL;
    if (last)
        last->quarantine_next = b;
    else
        first = b;
    last = b;
    held_bytes += cost(b);
    while (held_bytes > limit && first != b &&
           !atomic_load_explicit(&frozen, memory_order_relaxed)) {
        own_checked_block *out = first;
        first = out->quarantine_next;
        held_bytes -= cost(out);
        *leaving_end = out;
        leaving_end = &out->quarantine_next;
    }
    *leaving_end = NULL;
    /* The next block to leave was freed long ago and is out of the caches: ask for its header
     * and first bytes now, so that the free that evicts it does not wait for them. */
    if (first != b) {
        __builtin_prefetch(first);
        __builtin_prefetch(own__checked_user(first));
    }
    pthread_mutex_unlock(&queue_lock);
    /* Checked and reported outside the lock: a report allocates. */
    while (leaving) {
        own_checked_block *next = leaving->quarantine_next;
        give_back(leaving);
        leaving = next;
    }
}

void own__checked_quarantine_freeze(bool freeze)
{
    atomic_store(&frozen, freeze);
}

void own__checked_quarantine_hold(bool hold)
{
    if (hold)
        pthread_mutex_lock(&queue_lock);
    else
        pthread_mutex_unlock(&queue_lock);
}

void own__checked_quarantine_check_all(void)
{
    pthread_mutex_lock(&queue_lock);
    own_checked_block *b = first, *end = last;
    pthread_mutex_unlock(&queue_lock);
    /* Frozen: blocks are only appended after `end`, none leaves, so the walk needs no lock. */
    for (; b; b = b == end ? NULL : b->quarantine_next)
        check_freed(b, "found at exit");
}
