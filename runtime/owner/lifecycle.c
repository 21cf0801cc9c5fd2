/* lifecycle.c: an owned block's life — create, move, resize, drop — and the owner's own access
 * (own_get, own_size), with the scope-end cleanup of OWN_SCOPED.
 *
 * Move, drop and resize change the borrow word with one CAS from a word with no borrow in it, so
 * they fail (drop-while-borrowed) rather than race with a borrow another thread is taking; a
 * thread other than the bias thread first ends the bias (borrow.c). */
#include <stddef.h>
#include <string.h>

#include "owner/block.h"

/* Tags: a 32-bit serial (a counter of the shard and the number of its thread, so two blocks
 * that ever share an address are told apart) and 12 bits counting moves, starting at 1, so never
 * 0. The shard keeps the last tag whole: the next is one more in the counter's bits. */
static inline uint64_t new_tag(own__shard *s)
{
    uint64_t tag = (s->last_tag + (UINT64_C(1) << 22)) & OWN__TAG_MASK;
    s->last_tag = tag;
    return tag;
}

/* Header fields that are neighbours and start together, written with one store each pair. */
#define OWN_NEIGHBOURS(first, second)                                                              \
    _Static_assert(offsetof(struct own__block, second) ==                                          \
                       offsetof(struct own__block, first) +                                        \
                           sizeof(((struct own__block *)0)->first),                                \
                   #first " and " #second " are written as one")
OWN_NEIGHBOURS(bias_count, bias_remote);
OWN_NEIGHBOURS(move_site, drop_site);
OWN_NEIGHBOURS(alloc_thread, move_thread);
OWN_NEIGHBOURS(borrow_thread, drop_thread);

/* A thread number followed by a 0 in the next 32 bits, as one 64-bit store writes them. */
static inline uint64_t thread_then_zero(unsigned thread)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return thread;
#else
    return (uint64_t)thread << 32;
#endif
}

/* Everything a new owner starts with, the same for fresh and recycled memory, in as few stores as
 * the layout allows (this is most of a create's cost). The word comes last with a release store:
 * the leak listing, which reads it first, then finds the rest written. */
static inline __attribute__((always_inline)) void
init_header(struct own__block *b, size_t size, uint64_t tag, const own_src *site, unsigned thread)
{
    uint64_t threads = thread_then_zero(thread);
    memset((void *)&b->bias_count, 0, 2 * sizeof(uint64_t)); /* and bias_remote */
    atomic_init(&b->bias_thread, own__self());
    atomic_init(&b->borrow_site, NULL);
    b->size = size;
    b->alloc_site = site;
    memset((void *)&b->move_site, 0, 2 * sizeof(void *));       /* and drop_site */
    memcpy((void *)&b->alloc_thread, &threads, sizeof threads); /* move_thread 0 */
    /* borrow_thread starts as the bias thread (owner.h says why); drop_thread 0 */
    memcpy((void *)&b->borrow_thread, &threads, sizeof threads);
    atomic_store_explicit(&b->word, tag << OWN__WORD_SHIFT, memory_order_release);
}

/* Bytes after the header for `size` bytes of data, or 0 when that does not fit a size_t. The
 * slack covers a watched block's trailer (contents.c). */
static size_t bytes_after_header(size_t size, bool watched)
{
    if (size > SIZE_MAX - sizeof(struct own__block) - 32) return 0;
    return watched ? own__watch_size(size) : size;
}

/* Memory from the heap for a block not recycled, with the parts of the header that recycled
 * memory keeps (its magic and class; its registry slot comes with own__registry_link). */
static struct own__block *fresh_block(own__shard *s, size_t size, bool watched,
                                      unsigned class_index)
{
    size_t after = bytes_after_header(size, watched);
    if ((!after && size) || !own__registry_ready(s)) return NULL;
    struct own__block *b = own_malloc(sizeof *b + after);
    if (!b) return NULL;
    /* What recycling (own__recycle_class) and zero_data take from the heap's classes. */
    own_assert(!class_index || own_malloc_usable_size(b) == own__class_size[class_index]);
    own_assert(own_malloc_usable_size(b) >= sizeof *b + ((size + 31) & ~(size_t)31));
    b->magic = own__block_magic(b);
    b->recycle_class = (uint8_t)class_index;
    return b;
}

/* Zeroes the data of a new block of `size` bytes up to the next multiple of 32: its memory has
 * room for that, as the heap's classes past 128 bytes (the header alone) are multiples of 32. In
 * line, 64 bytes a turn, without a call and so without a stack frame for own_new. */
static inline void zero_data(struct own__block *b, size_t size)
{
    char *p = (char *)(b + 1), *end = p + ((size + 31) & ~(size_t)31);
    for (; end - p >= 64; p += 64) {
        __builtin_memset(p, 0, 16);
        __builtin_memset(p + 16, 0, 16);
        __builtin_memset(p + 32, 0, 16);
        __builtin_memset(p + 48, 0, 16);
    }
    if (p < end) {
        __builtin_memset(p, 0, 16);
        __builtin_memset(p + 16, 0, 16);
    }
}

#define OWN_ZERO_IN_LINE 256 /* bigger blocks are zeroed by memset */

/* The header of a new owner, with its tag (the block's data is ready). */
static inline __attribute__((always_inline)) own_box
start_owner(own__shard *s, struct own__block *b, size_t size, const own_src *site)
{
    uint64_t tag = new_tag(s);
    init_header(b, size, tag, site, s->thread_number);
    own_box h = {b + 1, tag};
    return h;
}

/* Every create but the common one of own_new_at. */
static __attribute__((noinline)) own_box new_slow(size_t size, bool zero, const own_src *site)
{
    own_box h = {NULL, 0};
    own__shard *s = own__my_shard;
    if (!s && !(s = own__shard_start())) return h;
    if (atomic_load_explicit(&s->remote, memory_order_relaxed) != NULL) own__shard_collect(s);
    bool watched = s->watch_shared;
    unsigned class_index = watched ? 0 : own__recycle_class(size);
    struct own__block *b = class_index ? own__quarantine_oldest(s, class_index) : NULL;
    bool recycled = b != NULL;
    if (recycled) {
        own__quarantine_take(s);
        if (own__trace_stacks) own__traces_forget(b);
    } else if (!(b = fresh_block(s, size, watched, class_index)))
        return h;
    if (zero && size) {
        if (size <= OWN_ZERO_IN_LINE)
            zero_data(b, size);
        else
            memset(b + 1, 0, size);
    }
    h = start_owner(s, b, size, site);
    if (watched) own__watch_start(b);
    if (own__trace_stacks) own__traces_allocated(b);
    if (!recycled) own__registry_link(s, b);
    return h;
}

/* The common create, written to need no stack frame: a block of at most OWN_ZERO_IN_LINE bytes
 * (whose recycle class is never 0), neither watched nor traced, recycled from the quarantine:
 * already in the registry, in this shard, so only the owner's state is written again. */
own_box own_new_at(size_t size, bool zero, const own_src *site)
{
    own__shard *s = own__my_shard;
    struct own__block *b;
    if (own_unlikely(!s || size > OWN_ZERO_IN_LINE || !s->plain_creates ||
                     atomic_load_explicit(&s->remote, memory_order_relaxed) != NULL ||
                     !(b = own__quarantine_oldest(s, own__recycle_class(size)))))
        return new_slow(size, zero, site);
    own__quarantine_take(s);
    if (zero) zero_data(b, size);
    return start_owner(s, b, size, site);
}

enum change { CHANGE_DROP, CHANGE_MOVE, CHANGE_RESIZE, CHANGE_SCOPE_END };

/* Moves the word from `tag`, no borrows, to `next(w)`. Returns false after reporting when a
 * borrow lives (or the handle went bad meanwhile). */
static bool change_word(const own_box *h, struct own__block *b, enum change what, uint64_t new_tag,
                        const own_src *site)
{
    static const char *verbs[] = {"dropped", "moved", "resized", "dropped"};
    uint64_t tag = h->tag & OWN__TAG_MASK;
    for (;;) {
        uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
        if (own__word_tag(w) != tag || (w & OWN__WORD_DEAD)) {
            own__check_box(h, verbs[what], site);
            return false;
        }
        bool mine = atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__self();
        if (!(w & OWN__WORD_UNBIASED) && (!mine || (w & OWN__WORD_REVOKING))) {
            own__unbias(b, tag, false);
            continue;
        }
        bool borrowed = (w & (OWN__WORD_EXCL | OWN__WORD_COUNT)) || own__bias_held(b);
        if (!borrowed && (w & OWN__WORD_TABLED)) {
            enum own__close closed = own__readers_close(b, w);
            if (closed == OWN__CLOSE_RETRY) continue;
            if (closed == OWN__CLOSE_TAKEN) {
                /* No reader can use the table any more: the change goes on the word path. */
                atomic_fetch_and_explicit(&b->word, ~OWN__WORD_EXCL, memory_order_release);
                continue;
            }
            borrowed = true;
        }
        if (borrowed) {
            own_report r;
            own_site at = own__site(what == CHANGE_SCOPE_END ? b->alloc_site : site, own__me());
            if (what == CHANGE_SCOPE_END)
                own__report_begin(&r, "borrow-outlives-owner",
                                  "block of %zu bytes: its owner's scope ends while a borrow lives",
                                  b->size);
            else
                own__report_begin(&r, "drop-while-borrowed", "block of %zu bytes %s while borrowed",
                                  b->size, verbs[what]);
            own__report_at(&r, &at);
            own__report_history(&r, b, true, what != CHANGE_MOVE, false);
            own__report_line(&r, "   = help: release every borrow before the owner is %s%s",
                             verbs[what],
                             what == CHANGE_SCOPE_END ? " (the block is kept: it leaks)" : "");
            own__report_finish(&r);
            return false;
        }
        uint64_t next = what == CHANGE_MOVE ? (new_tag << OWN__WORD_SHIFT) |
                                                  (w & ((UINT64_C(1) << OWN__WORD_SHIFT) - 1))
                                            : w | OWN__WORD_DEAD;
        if (atomic_compare_exchange_weak_explicit(&b->word, &w, next, memory_order_acq_rel,
                                                  memory_order_acquire))
            return true;
    }
}

/* The common case of change_word: the owner's own thread, a block no other thread has touched
 * (still biased) and no borrow alive — one plain store over the bare owner tag, without the
 * general checks (borrow.c says why a store is enough). Returns the header, or NULL for "take the
 * general way" (which makes every report). */
static inline __attribute__((always_inline)) struct own__block *
quick_change(const own_box *h, enum change what, uint64_t new_tag)
{
    if (!h || (h->tag >> OWN__TAG_BITS) != 0 || !own__header_valid(h->ptr)) return NULL;
    struct own__block *b = own__header(h->ptr);
    /* Only this thread adds to bias_count, so no borrow can start between this check and the
     * store; a borrow by another thread would first have to change the word (revoke the bias). */
    if (atomic_load_explicit(&b->bias_thread, memory_order_relaxed) != own__self() ||
        own__bias_held(b) != 0)
        return NULL;
    uint64_t w = (h->tag & OWN__TAG_MASK) << OWN__WORD_SHIFT;
    if (atomic_load_explicit(&b->word, memory_order_relaxed) != w) return NULL;
    uint64_t next = what == CHANGE_MOVE ? new_tag << OWN__WORD_SHIFT : w | OWN__WORD_DEAD;
    atomic_store_explicit(&b->word, next, memory_order_release);
    return b;
}

/* Every drop but the common one of own_drop_at; `b` is the header when quick_change has marked
 * the block dropped already, else NULL (quick_change declined: the general way). */
static __attribute__((noinline)) void drop(own_box *h, struct own__block *b, bool scope_end,
                                           const own_src *site)
{
    enum change what = scope_end ? CHANGE_SCOPE_END : CHANGE_DROP;
    if (!b) {
        if (h && h->ptr && (h->tag & OWN__TAG_STACK)) {
            own__stack_block_misuse(h, "free-non-heap", "dropped like a heap block", site);
            return;
        }
        b = own__check_box(h, "dropped", site);
        if (!b || !change_word(h, b, what, 0, site)) return;
    }
    atomic_store_explicit(&b->drop_site, site, memory_order_relaxed);
    atomic_store_explicit(&b->drop_thread, own__me(), memory_order_relaxed);
    if (own_unlikely(own__trace_stacks)) own__traces_dropped(b);
    h->tag |= OWN__TAG_DROPPED;
    own__registry_retire(b);
}

/* The common drop, written to need no stack frame: by the thread whose shard is the block's
 * home (its creator, as quick_change requires the bias thread), straight into the quarantine. */
void own_drop_at(own_box *h, const own_src *site)
{
    struct own__block *b = quick_change(h, CHANGE_DROP, 0);
    own__shard *mine = own__my_shard;
    if (own_unlikely(!b || b->home != mine || own__trace_stacks)) {
        drop(h, b, false, site);
        return;
    }
    atomic_store_explicit(&b->drop_site, site, memory_order_relaxed);
    atomic_store_explicit(&b->drop_thread, mine->thread_number, memory_order_relaxed);
    h->tag |= OWN__TAG_DROPPED;
    own__quarantine_put(mine, b);
}

own_box own_move_at(own_box *h, const own_src *site)
{
    own_box moved = {NULL, 0};
    if (h && h->ptr && (h->tag & OWN__TAG_STACK)) {
        /* A stack block belongs to its frame: the new handle names the same block. */
        if (own__stack_block_check(h, "moved", site)) moved = *h;
        return moved;
    }
    uint64_t tag = h ? h->tag & OWN__TAG_MASK : 0;
    uint64_t next = (tag & ~UINT64_C(0xfff)) | (((tag & 0xfff) + 1) & 0xfff);
    struct own__block *b = quick_change(h, CHANGE_MOVE, next);
    if (!b) {
        b = own__check_box(h, "moved", site);
        if (!b || !change_word(h, b, CHANGE_MOVE, next, site)) return moved;
    }
    atomic_store_explicit(&b->move_site, site, memory_order_relaxed);
    atomic_store_explicit(&b->move_thread, own__me(), memory_order_relaxed);
    h->tag |= OWN__TAG_MOVED;
    moved.ptr = h->ptr;
    moved.tag = next;
    return moved;
}

/* A resized block is a new heap block with the old header: the owner's handle follows it, and
 * the old block is dropped at the resize site, so a stale copy of the handle reports that. */
bool own_resize_at(own_box *h, size_t size, const own_src *site)
{
    if (h && h->ptr && (h->tag & OWN__TAG_STACK)) {
        own__stack_block_misuse(h, "stack-resize", "asked to change size: its size is fixed", site);
        return false;
    }
    struct own__block *b = own__check_box(h, "resized", site);
    if (!b) return false;
    own__shard *s = own__my_shard;
    if (!s && !(s = own__shard_start())) return false;
    bool watched = own__watched(b);
    struct own__block *nb = fresh_block(s, size, watched, watched ? 0 : own__recycle_class(size));
    if (!nb) return false;
    if (!change_word(h, b, CHANGE_RESIZE, 0, site)) {
        own_free(nb);
        return false;
    }
    uint64_t tag = h->tag & OWN__TAG_MASK;
    memcpy(nb + 1, b + 1, size < b->size ? size : b->size);
    if (size > b->size) memset((char *)(nb + 1) + b->size, 0, size - b->size);
    init_header(nb, size, tag, b->alloc_site, s->thread_number);
    if (watched) own__watch_start(nb);
    if (own__trace_stacks) own__traces_moved(b, nb);
    nb->alloc_thread = b->alloc_thread;
    atomic_store_explicit(&nb->move_site, atomic_load(&b->move_site), memory_order_relaxed);
    atomic_store_explicit(&nb->move_thread, atomic_load(&b->move_thread), memory_order_relaxed);
    own__registry_link(s, nb);
    atomic_store_explicit(&b->drop_site, site, memory_order_relaxed);
    atomic_store_explicit(&b->drop_thread, own__me(), memory_order_relaxed);
    own__registry_retire(b);
    h->ptr = nb + 1;
    return true;
}

void *own_get_at(const own_box *h, const own_src *site)
{
    if (h && h->ptr && (h->tag & OWN__TAG_STACK)) return own__stack_block_check(h, "used", site);
    struct own__block *b = own__check_box(h, "used", site);
    return b ? h->ptr : NULL;
}

size_t own_size_at(const own_box *h, const own_src *site)
{
    if (h && h->ptr && (h->tag & OWN__TAG_STACK))
        return own__stack_block_check(h, "used", site) ? own__stack_block_size(h) : 0;
    struct own__block *b = own__check_box(h, "used", site);
    return b ? b->size : 0;
}

/* OWN_SCOPED: an owner still owning its block is dropped; a borrow not yet released ends. Handles
 * moved or dropped already are left alone without a report. */
void own__scope_end(void *handle)
{
    own_box *h = handle;
    if (!h->ptr) return;
    if (h->tag & OWN__TAG_BORROW) {
        own__release_at(&h->ptr, h->tag, NULL);
        return;
    }
    if (h->tag & (OWN__TAG_STACK | OWN__TAG_MOVED | OWN__TAG_DROPPED)) return;
    drop(h, quick_change(h, CHANGE_SCOPE_END, 0), true, NULL);
}
