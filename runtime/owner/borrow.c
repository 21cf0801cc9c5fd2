/* borrow.c: shared and exclusive borrows — the slow paths behind owner.h's inline fast paths,
 * releasing, waiting, and ending a block's bias.
 *
 * THE PROTOCOL. A block's header holds
 *   word        owner tag | DEAD | REVOKING | UNBIASED | EXCL | count   (one atomic word)
 *   bias_thread the thread that created the block ("bias thread")
 *   bias_count  borrows the bias thread took through the fast path: +1 shared, +2^32 exclusive;
 *               written only by the bias thread, with plain (relaxed) stores
 *   bias_remote units of those borrows released by other threads (atomic add), until the bias
 *               thread folds them into bias_count (own__bias_fold) on its next slow path
 *
 * Biased mode (UNBIASED clear): only the bias thread holds borrows, all in bias_count, so it
 * needs no read-modify-write. To borrow it *announces* (stores bias_count + unit), then *looks*
 * (loads word) and keeps the borrow only if the word is exactly `tag << 20` — same owner, biased,
 * not being revoked, no other borrow. Otherwise it takes its announcement back.
 *
 * Any other thread, before its first borrow (or drop, move, resize), *revokes* the bias:
 *   1. CAS word: set REVOKING (the bias thread's look now fails; everyone else waits);
 *   2. the asymmetric fence (membarrier): every thread executes a full barrier;
 *   3. CAS word from REVOKING to UNBIASED.
 * This is Dekker's pattern with the fence moved to one side. If the bias thread's announcement
 * reached memory before its barrier in step 2, the revoker sees it in bias_count after step 2;
 * otherwise its look comes after that barrier, hence after step 1, and sees REVOKING and backs
 * off. Either way no borrow is missed. A REVOKING word is never left half-done: the revoker holds
 * it alone until step 3, and the other threads wait rather than read bias_count before the fence.
 *
 * Unbiased mode: every thread (the bias thread too) borrows with a CAS on the word; the borrows
 * the bias thread still holds from biased mode stay in bias_count - bias_remote, which can only
 * go down from then on (nobody adds to it), so checking it after the CAS suffices: a shared
 * borrow needs no exclusive unit there, an exclusive one needs it empty.
 *
 * Ordering: releases are release stores/RMWs and every check of another thread's counters is an
 * acquire load, so the data written under a borrow happens-before the next borrower's accesses
 * (in ThreadSanitizer's model too: the protocol's fence only decides *who* wins, never orders
 * data).
 *
 * Drop and move by the bias thread, with the block biased and no borrow in bias_count, replace
 * the word with a plain store. No CAS is needed: the only other writer of a biased word is a
 * revoker, and it only ever CASes. If its step 1 came first, the store overwrites REVOKING, its
 * step 3 fails, and it finds the block dropped or moved (and reports: it raced with the owner).
 *
 * A bias is never given back: once another thread has touched a block it stays on the word path,
 * which costs one atomic RMW per borrow and per shared release (an exclusive release is a store:
 * quick_release says why), at most the price of RwLock. When the thread that revokes the bias
 * wants a shared borrow, the revocation also opens the readers table to the block (readers.c):
 * shared borrows off the bias thread then cost one RMW, until the first writer closes the table
 * for good. */
#define _GNU_SOURCE
#include <sched.h>
#include <time.h>

#include "owner/block.h"

uint64_t own__unbias(struct own__block *b, uint64_t tag, bool readers)
{
    for (;;) {
        uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
        if (own__word_tag(w) != tag || (w & (OWN__WORD_DEAD | OWN__WORD_UNBIASED))) return w;
        if (w & OWN__WORD_REVOKING) {
            sched_yield();
            continue;
        }
        if (atomic_compare_exchange_weak_explicit(&b->word, &w, w | OWN__WORD_REVOKING,
                                                  memory_order_acq_rel, memory_order_acquire)) {
            own__asymmetric_fence();
            /* A CAS, not a store: the bias thread drops and moves with a plain store (see the
             * protocol above), which may have replaced the REVOKING word meanwhile. */
            uint64_t revoking = w | OWN__WORD_REVOKING;
            uint64_t unbiased =
                w | OWN__WORD_UNBIASED | (readers ? OWN__WORD_VISIBLE | OWN__WORD_TABLED : 0);
            if (atomic_compare_exchange_strong_explicit(&b->word, &revoking, unbiased,
                                                        memory_order_acq_rel, memory_order_acquire))
                return unbiased;
            return revoking; /* dropped or moved: the caller reports what happened */
        }
    }
}

void own__bias_fold(struct own__block *b)
{
    if (!atomic_load_explicit(&b->bias_remote, memory_order_relaxed)) return;
    uint64_t released = atomic_exchange_explicit(&b->bias_remote, 0, memory_order_acq_rel);
    atomic_store_explicit(&b->bias_count,
                          atomic_load_explicit(&b->bias_count, memory_order_relaxed) - released,
                          memory_order_release);
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Whether to try again after a conflict: waits a little while the deadline allows. */
static bool keep_waiting(long long timeout_ns, long long *deadline, unsigned *round)
{
    if (timeout_ns == 0) return false;
    /* The clock only for a timed wait, and while spinning only every 4th turn: reading it costs
     * more than a turn (under a hypervisor, tens of nanoseconds). */
    if (timeout_ns > 0 && (*round >= 16 || *round % 4 == 0)) {
        long long now = now_ns();
        if (*deadline == 0) *deadline = now + timeout_ns;
        if (now >= *deadline) return false;
    }
    if (++*round < 16) {
        /* Backing off longer each turn (about 1,300 pauses in all): two threads that keep
         * failing at once fight over the word's cache line, so the holder's release lands later
         * for both. */
        for (unsigned spin = 1u << (*round < 7 ? *round : 7); spin > 0; spin--)
            __builtin_ia32_pause();
    } else if (*round < 256) {
        sched_yield();
    } else {
        struct timespec pause = {0, 50000};
        nanosleep(&pause, NULL);
    }
    return true;
}

static void report_conflict(struct own__block *b, bool exclusive, uint64_t w, bool by_bias,
                            long long timeout_ns, const own_src *site)
{
    own_report r;
    own_site at = own__site(site, own__me());
    bool other_excl = (w & OWN__WORD_EXCL) || own__bias_held(b) >= OWN__EXCL_UNIT;
    const char *held = other_excl ? "borrowed exclusively" : "borrowed (shared)";
    if (timeout_ns != 0)
        own__report_begin(&r, "borrow-conflict",
                          "block of %zu bytes: %s borrow timed out, the block is still %s", b->size,
                          exclusive ? "exclusive" : "shared", held);
    else
        own__report_begin(&r, "borrow-conflict", "block of %zu bytes borrowed %s while %s", b->size,
                          exclusive ? "exclusively" : "(shared)", held);
    own__report_at(&r, &at);
    (void)by_bias;
    own_site other = own__site(atomic_load_explicit(&b->borrow_site, memory_order_relaxed),
                               atomic_load_explicit(&b->borrow_thread, memory_order_relaxed));
    own__report_note(&r, other_excl ? "exclusive borrow taken" : "shared borrow taken", &other);
    own_site alloc = own__site(b->alloc_site, b->alloc_thread);
    own__report_note(&r, "allocated", &alloc);
    own__report_line(&r,
                     "   = help: release the other borrow first, or wait for it with "
                     "own_borrow%s_wait / own_borrow%s_timed",
                     exclusive ? "_mut" : "", exclusive ? "_mut" : "");
    own__report_finish(&r);
}

/* Stores only what changed: threads that borrow one block at once, from the same site, would
 * otherwise pass the header's cache line between them on every borrow, besides the word's. */
static inline __attribute__((always_inline)) void record_borrow(struct own__block *b,
                                                                const own_src *site)
{
    unsigned me = own__me();
    if (atomic_load_explicit(&b->borrow_site, memory_order_relaxed) != site)
        atomic_store_explicit(&b->borrow_site, site, memory_order_relaxed);
    if (atomic_load_explicit(&b->borrow_thread, memory_order_relaxed) != me)
        atomic_store_explicit(&b->borrow_thread, me, memory_order_relaxed);
}

/* Called with the word taken: the borrows the bias thread took in biased mode still count. If one
 * of them excludes this borrow, the word is given back and the borrow fails. */
static inline __attribute__((always_inline)) bool gave_back_for_bias(struct own__block *b,
                                                                     bool exclusive)
{
    uint64_t held = own__bias_held(b);
    if (exclusive ? held == 0 : held < OWN__EXCL_UNIT) return false;
    if (exclusive)
        atomic_fetch_and_explicit(&b->word, ~OWN__WORD_EXCL, memory_order_release);
    else
        atomic_fetch_sub_explicit(&b->word, 1, memory_order_release);
    return true;
}

/* One attempt. Returns 1 taken (*biased tells which counter), 0 conflict, -1 handle now bad. */
static int try_borrow(struct own__block *b, uint64_t tag, bool exclusive, bool *biased,
                      uint64_t *seen)
{
    uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
    *seen = w;
    if (own__word_tag(w) != tag || (w & OWN__WORD_DEAD)) return -1;
    if (atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__self() &&
        !(w & (OWN__WORD_REVOKING | OWN__WORD_UNBIASED))) {
        own__bias_fold(b);
        uint64_t c = atomic_load_explicit(&b->bias_count, memory_order_relaxed);
        uint64_t held = c - atomic_load_explicit(&b->bias_remote, memory_order_acquire);
        if (exclusive ? held != 0 : held >= OWN__EXCL_UNIT) return 0;
        atomic_store_explicit(&b->bias_count, c + (exclusive ? OWN__EXCL_UNIT : 1),
                              memory_order_relaxed);
        atomic_signal_fence(memory_order_seq_cst);
        if (atomic_load_explicit(&b->word, memory_order_relaxed) == w) {
            *biased = true;
            return 1;
        }
        atomic_store_explicit(&b->bias_count, c, memory_order_relaxed);
        return try_borrow(b, tag, exclusive, biased, seen); /* the word changed: look again */
    }
    if (!(w & OWN__WORD_UNBIASED)) {
        own__unbias(b, tag, !exclusive);
        return try_borrow(b, tag, exclusive, biased, seen);
    }
    if (exclusive ? (w & (OWN__WORD_EXCL | OWN__WORD_COUNT)) != 0
                  : (w & OWN__WORD_EXCL) || (w & OWN__WORD_COUNT) == OWN__WORD_COUNT)
        return 0;
    if (exclusive && (w & OWN__WORD_TABLED)) {
        enum own__close closed = own__readers_close(b, w);
        if (closed == OWN__CLOSE_RETRY) return try_borrow(b, tag, exclusive, biased, seen);
        if (closed == OWN__CLOSE_READERS || gave_back_for_bias(b, true)) return 0;
        *biased = false;
        return 1; /* the word is the caller's with EXCL */
    }
    uint64_t taken = exclusive ? w | OWN__WORD_EXCL : w + 1;
    if (!atomic_compare_exchange_strong_explicit(&b->word, &w, taken, memory_order_acq_rel,
                                                 memory_order_acquire))
        return try_borrow(b, tag, exclusive, biased, seen);
    if (gave_back_for_bias(b, exclusive)) {
        *seen = w;
        return 0;
    }
    *biased = false;
    return 1;
}

/* A shared borrow through the readers table (readers.c) of a block whose word, but for its
 * count, is `open`: returns the borrow's VISIBLE flag and slot, or 0 (the word path then). */
static inline __attribute__((always_inline)) uint64_t
visible_borrow(struct own__block *b, uint64_t open, const own_src *site)
{
    unsigned me = own__me(), slot = own__readers_slot(b);
    if (me > OWN__READER_THREAD_MAX || !own__readers_claim(slot, b, me, site)) return 0;
    uint64_t w = atomic_load_explicit(&b->word, memory_order_seq_cst);
    /* An exclusive borrow the bias thread took in biased mode still excludes this one. */
    if ((w & ~OWN__WORD_COUNT) != open || own__bias_held(b) >= OWN__EXCL_UNIT) {
        own__readers_clear(slot);
        return 0;
    }
    return OWN__TAG_VISIBLE | (uint64_t)slot << OWN__TAG_SLOT_SHIFT;
}

/* The common case off the bias thread: a valid owner, its block unbiased already and free of
 * conflicting borrows. A shared borrow claims a slot of the readers table when the block allows;
 * else one CAS on the word, without the set-up of the waiting loop below. Returns the borrow's
 * tag, or 0 for "take the general way" (which also makes every report). */
static inline __attribute__((always_inline)) uint64_t quick_borrow(const own_box *h, bool exclusive,
                                                                   const own_src *site)
{
    if (!h || (h->tag >> OWN__TAG_BITS) != 0 || !own__header_valid(h->ptr)) return 0;
    struct own__block *b = own__header(h->ptr);
    uint64_t tag = h->tag & OWN__TAG_MASK;
    uint64_t free_word = (tag << OWN__WORD_SHIFT) | OWN__WORD_UNBIASED; /* no borrow in it */
    uint64_t open = free_word | OWN__WORD_VISIBLE | OWN__WORD_TABLED;
    uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
    if (!exclusive && (w & ~OWN__WORD_COUNT) == open) {
        uint64_t visible = visible_borrow(b, open, site);
        if (visible) return tag | OWN__TAG_BORROW | visible;
        w = atomic_load_explicit(&b->word, memory_order_acquire);
    }
    /* Readers on the word path do not mind those in the table; a writer does (the general way). */
    uint64_t readers_bits = exclusive ? 0 : OWN__WORD_VISIBLE | OWN__WORD_TABLED;
    bool fits = exclusive ? w == free_word
                          : (w & ~(OWN__WORD_COUNT | readers_bits)) == free_word &&
                                (w & OWN__WORD_COUNT) != OWN__WORD_COUNT;
    if (!fits || !atomic_compare_exchange_strong_explicit(
                     &b->word, &w, exclusive ? w | OWN__WORD_EXCL : w + 1, memory_order_acq_rel,
                     memory_order_acquire))
        return 0;
    if (gave_back_for_bias(b, exclusive)) return 0;
    record_borrow(b, site);
    return tag | OWN__TAG_BORROW | (exclusive ? OWN__TAG_EXCL : 0);
}

/* Kept out of line: the quick path must not pay for the waiting loop's registers and frame. */
static __attribute__((noinline)) uint64_t borrow(const own_box *h, bool exclusive,
                                                 long long timeout_ns, const own_src *site)
{
    if (h && h->ptr && (h->tag & OWN__TAG_STACK)) {
        if (!own__stack_block_check(h, "borrowed", site)) return 0;
        return OWN__TAG_STACK | OWN__TAG_BORROW | (exclusive ? OWN__TAG_EXCL : 0) |
               (h->tag & OWN__STACK_GEN_MASK);
    }
    struct own__block *b = own__check_box(h, "borrowed", site);
    if (!b) return 0;
    uint64_t tag = h->tag & OWN__TAG_MASK;
    long long deadline = 0;
    unsigned round = 0;
    for (;;) {
        bool biased = false;
        uint64_t seen;
        int got = try_borrow(b, tag, exclusive, &biased, &seen);
        if (got > 0) {
            record_borrow(b, site);
            return tag | OWN__TAG_BORROW | (exclusive ? OWN__TAG_EXCL : 0) |
                   (biased ? OWN__TAG_BIASED : 0);
        }
        if (got < 0) {
            own__check_box(h, "borrowed", site); /* reports what happened to the owner */
            return 0;
        }
        if (!keep_waiting(timeout_ns, &deadline, &round)) {
            report_conflict(b, exclusive, seen, false, timeout_ns, site);
            return 0;
        }
    }
}

own_ref own_borrow_slow(const own_box *h, long long timeout_ns, const own_src *site)
{
    uint64_t tag = quick_borrow(h, false, site);
    if (!tag) tag = borrow(h, false, timeout_ns, site);
    if (tag && !(tag & (OWN__TAG_STACK | OWN__TAG_BIASED | OWN__TAG_VISIBLE)) &&
        own__watched(own__header(h->ptr)))
        own__watch_borrowed(own__header(h->ptr));
    own_ref r = {tag ? h->ptr : NULL, tag};
    return r;
}

own_mut own_borrow_mut_slow(own_box *h, long long timeout_ns, const own_src *site)
{
    uint64_t tag = quick_borrow(h, true, site);
    if (!tag) tag = borrow(h, true, timeout_ns, site);
    own_mut m = {tag ? h->ptr : NULL, tag};
    return m;
}

static void report_release(const char *kind, const char *message, struct own__block *b,
                           const own_src *site)
{
    own_report r;
    own_site at = own__site(site, own__me());
    if (b)
        own__report_begin(&r, kind, "borrow of a block of %zu bytes %s", b->size, message);
    else
        own__report_begin(&r, kind, "borrow %s", message);
    own__report_at(&r, &at);
    if (b) own__report_history(&r, b, true, true, true);
    own__report_finish(&r);
}

/* The common release off the bias thread: a valid borrow of an unwatched block on the word path;
 * returns false for "take the general way" (which also makes every report).
 *
 * A shared borrow ends with a CAS: other readers change the count beside it. An exclusive one
 * ends with a plain release store, what a RefCell pays, not a lock: while EXCL is set the holder
 * is the word's only writer. Every other writer (a borrow, a drop, a move, a resize, the readers
 * table's close) expects a word without EXCL and fails, reporting, without writing. A copy of
 * the borrow released again afterwards finds EXCL gone and is reported by release(); one
 * released by another thread at the very same moment is not, but a CAS could not catch it either
 * once a new borrow has set EXCL again: the word has no serial per borrow. */
static inline __attribute__((always_inline)) bool quick_release(void *ptr, uint64_t tag)
{
    if ((tag & (OWN__TAG_BORROW | OWN__TAG_STACK | OWN__TAG_BIASED | OWN__TAG_VISIBLE)) !=
            OWN__TAG_BORROW ||
        !own__header_valid(ptr))
        return false;
    struct own__block *b = own__header(ptr);
    if (own__watched(b)) return false;
    uint64_t w = atomic_load_explicit(&b->word, memory_order_relaxed);
    bool exclusive = (tag & OWN__TAG_EXCL) != 0;
    if (own__word_tag(w) != (tag & OWN__TAG_MASK) || (w & OWN__WORD_DEAD) ||
        (exclusive ? !(w & OWN__WORD_EXCL) : (w & OWN__WORD_COUNT) == 0))
        return false;
    if (exclusive) {
        atomic_store_explicit(&b->word, w & ~OWN__WORD_EXCL, memory_order_release);
        return true;
    }
    return atomic_compare_exchange_strong_explicit(&b->word, &w, w - 1, memory_order_release,
                                                   memory_order_relaxed);
}

static void release(void *ptr, uint64_t tag, const own_src *site);

void own_release_slow(void *ptr, uint64_t tag, const own_src *site)
{
    if (tag & OWN__TAG_VISIBLE) {
        if (!own__release_visible(ptr, tag)) release(ptr, tag, site);
        return;
    }
    if (!quick_release(ptr, tag)) release(ptr, tag, site);
}

/* Kept out of line, as borrow() is: the reports' buffers must not weigh on the quick path. */
static __attribute__((noinline)) void release(void *ptr, uint64_t tag, const own_src *site)
{
    if (!ptr) {
        report_release("invalid-handle", "released twice, or never taken", NULL, site);
        return;
    }
    if (!(tag & OWN__TAG_BORROW)) {
        /* An owner handed to own_release: the wrong family — owners end with own_drop. */
        own_box h = {ptr, tag};
        if (tag & OWN__TAG_STACK) {
            own__stack_block_misuse(&h, "mismatched-free", "released like a borrow", site);
            return;
        }
        struct own__block *b = own__header_valid(ptr) ? own__header(ptr) : NULL;
        own_report r;
        own_site at = own__site(site, own__me());
        if (b)
            own__report_begin(&r, "mismatched-free",
                              "owner of a block of %zu bytes released like a borrow", b->size);
        else
            own__report_begin(&r, "mismatched-free", "owner handle released like a borrow");
        own__report_at(&r, &at);
        if (b) own__report_history(&r, b, false, true, false);
        own__report_line(&r, "   = help: own_release ends a borrow; an owner ends with own_drop");
        own__report_finish(&r);
        return;
    }
    if (tag & OWN__TAG_STACK) {
        own_box h = {ptr, OWN__TAG_STACK | (tag & OWN__STACK_GEN_MASK)};
        own__stack_block_check(&h, "released (the borrow outlived it)", site);
        return;
    }
    if (!own__header_valid(ptr)) {
        report_release("invalid-handle", "released, but its block is not an owned block", NULL,
                       site);
        return;
    }
    struct own__block *b = own__header(ptr);
    uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
    if (own__word_tag(w) != (tag & OWN__TAG_MASK) || (w & OWN__WORD_DEAD)) {
        report_release("borrow-outlives-owner", "used after its owner ended", b, site);
        return;
    }
    if (tag & OWN__TAG_VISIBLE) { /* its slot no longer holds it (own__release_visible looked) */
        report_release("invalid-handle", "released twice (a copy of it was released)", b, site);
        return;
    }
    bool exclusive = (tag & OWN__TAG_EXCL) != 0;
    if (tag & OWN__TAG_BIASED) {
        uint64_t unit = exclusive ? OWN__EXCL_UNIT : 1;
        uint64_t held = own__bias_held(b);
        if (exclusive ? held < OWN__EXCL_UNIT : (held & 0xffffffffu) == 0) {
            report_release("invalid-handle", "released twice (a copy of it was released)", b, site);
            return;
        }
        if (atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__self()) {
            own__bias_fold(b);
            atomic_store_explicit(&b->bias_count,
                                  atomic_load_explicit(&b->bias_count, memory_order_relaxed) - unit,
                                  memory_order_release);
        } else {
            atomic_fetch_add_explicit(&b->bias_remote, unit, memory_order_release);
        }
        return;
    }
    /* Checked while the borrow still holds the block: after it ends, a writer may come. */
    if (!exclusive && (w & OWN__WORD_COUNT) != 0 && own__watched(b)) own__watch_released(b, site);
    for (;;) {
        if (exclusive ? !(w & OWN__WORD_EXCL) : (w & OWN__WORD_COUNT) == 0) {
            report_release("invalid-handle", "released twice (a copy of it was released)", b, site);
            return;
        }
        uint64_t next = exclusive ? w & ~OWN__WORD_EXCL : w - 1;
        if (atomic_compare_exchange_weak_explicit(&b->word, &w, next, memory_order_release,
                                                  memory_order_acquire))
            return;
        if (own__word_tag(w) != (tag & OWN__TAG_MASK) || (w & OWN__WORD_DEAD)) {
            report_release("borrow-outlives-owner", "used after its owner ended", b, site);
            return;
        }
    }
}
