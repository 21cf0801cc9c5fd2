/* lifecycle.c: an owned block's life — create, move, resize, drop — and the owner's own access
 * (own_get, own_size), with the scope-end cleanup of OWN_SCOPED.
 *
 * Move, drop and resize change the borrow word with one CAS from a word with no borrow in it, so
 * they fail (drop-while-borrowed) rather than race with a borrow another thread is taking; a
 * thread other than the bias thread first ends the bias (borrow.c). */
#include <string.h>

#include "owner/block.h"

static __thread uint32_t next_serial;

/* Tags: a 32-bit serial (per-thread counter and thread number, so two blocks that ever share an
 * address are told apart) and 12 bits counting moves. Never 0. */
static uint64_t new_tag(void)
{
    uint32_t serial = (++next_serial << 10) | (own__me() & 1023);
    return ((uint64_t)serial << 12) | 1;
}

static inline __attribute__((always_inline)) void init_header(struct own__block *b, size_t size,
                                                              uint64_t tag, const own_src *site)
{
    atomic_init(&b->word, tag << OWN__WORD_SHIFT);
    atomic_init(&b->bias_count, 0);
    atomic_init(&b->bias_remote, 0);
    atomic_init(&b->bias_thread, own__self());
    b->size = size;
    b->magic = own__block_magic(b);
    b->remote_next = NULL;
    b->alloc_site = site;
    b->alloc_thread = own__me();
    atomic_init(&b->move_site, NULL);
    atomic_init(&b->borrow_site, NULL);
    atomic_init(&b->drop_site, NULL);
    atomic_init(&b->move_thread, 0);
    atomic_init(&b->borrow_thread, b->alloc_thread); /* the bias thread: see owner.h */
    atomic_init(&b->drop_thread, 0);
}

/* Bytes after the header for `size` bytes of data, or 0 when that does not fit a size_t. The
 * slack covers a watched block's trailer (contents.c). */
static size_t bytes_after_header(size_t size, bool watched)
{
    if (size > SIZE_MAX - sizeof(struct own__block) - 32) return 0;
    return watched ? own__watch_size(size) : size;
}

own_box own_new_at(size_t size, bool zero, const own_src *site)
{
    own_box h = {NULL, 0};
    own__shard *s = own__my_shard;
    if (own_unlikely(!s) && !(s = own__shard_start())) return h;
    bool watched = s->watch_shared;
    size_t after = bytes_after_header(size, watched);
    if (own_unlikely(!after && size)) return h;
    struct own__block *b = own_malloc(sizeof *b + after);
    if (own_unlikely(!b)) return h;
    if (zero) memset(b + 1, 0, size);
    uint64_t tag = new_tag();
    init_header(b, size, tag, site);
    if (own_unlikely(watched)) own__watch_start(b);
    if (own_unlikely(own__trace_stacks)) own__traces_allocated(b);
    own__registry_link(s, b);
    h.ptr = b + 1;
    h.tag = tag;
    return h;
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
            own__unbias(b, tag);
            continue;
        }
        if ((w & (OWN__WORD_EXCL | OWN__WORD_COUNT)) || own__bias_held(b)) {
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

static void drop(own_box *h, bool scope_end, const own_src *site)
{
    enum change what = scope_end ? CHANGE_SCOPE_END : CHANGE_DROP;
    struct own__block *b = quick_change(h, what, 0);
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

void own_drop_at(own_box *h, const own_src *site)
{
    drop(h, false, site);
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
    size_t after = bytes_after_header(size, watched);
    if (!after && size) return false;
    struct own__block *nb = own_malloc(sizeof *nb + after);
    if (!nb) return false;
    if (!change_word(h, b, CHANGE_RESIZE, 0, site)) {
        own_free(nb);
        return false;
    }
    uint64_t tag = h->tag & OWN__TAG_MASK;
    memcpy(nb + 1, b + 1, size < b->size ? size : b->size);
    if (size > b->size) memset((char *)(nb + 1) + b->size, 0, size - b->size);
    init_header(nb, size, tag, b->alloc_site);
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
    drop(h, true, NULL);
}
