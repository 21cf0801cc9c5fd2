/* own/owner.h: owned heap blocks — one owner, moves, shared and exclusive borrows, checked.
 *
 *     own_box b = own_new(64);            // owner handle; the block is zeroed
 *     own_box c = own_move(&b);           // b is dead from now on: using it is use-after-move
 *     own_ref r = own_borrow(&c);         // any number of readers (r.ptr is const)
 *     own_release(r);
 *     own_mut w = own_borrow_mut(&c);     // one writer, across threads too
 *     own_release(w);
 *     own_drop(&c);
 *
 * An owned block is a heap block (own_malloc) with a 128-byte header in front of the data: the
 * borrow word, the owning thread's borrow counters, the sites of the last allocation, move,
 * borrow and drop, and the block's slot in the leak registry. Plain own_malloc blocks have no
 * header.
 *
 * Handle tags (own_box.tag, own_ref.tag, own_mut.tag): the low 44 bits are the block's owner tag
 * (a 32-bit serial given at creation and a 12-bit count of moves); the high bits are flags below.
 * The block's borrow word holds the current owner's tag in its high 44 bits, so a copy of a
 * handle kept after a move or a drop no longer matches it.
 *
 * Fast path: the thread that created a block (its "bias" thread) borrows and releases it with
 * plain loads and stores of a counter only it writes; other threads take the slow path, which
 * revokes the bias once per block with an asymmetric fence (see runtime/owner/borrow.c). There,
 * a shared borrow costs one atomic instruction (a slot of a table of readers, its release an
 * inline store: runtime/owner/readers.c), and so does an exclusive one (a CAS on the block's
 * word; its release a store). The inline functions below are the fast path; they fall back to
 * the *_slow functions.
 *
 * -DOWN_UNCHECKED makes every operation a plain pointer operation (own_new is own_calloc,
 * own_drop is own_free, a borrow is the pointer): for code already proven. A translation unit
 * built with it must not share owned blocks with one built without it. */
#ifndef OWN_OWNER_H
#define OWN_OWNER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <own/heap.h>
#include <own/report.h>
#include <own/stack.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A shared borrow: read-only access while it lives. */
typedef struct own_ref {
    const void *ptr;
    uint64_t tag;
} own_ref;

/* An exclusive borrow: the one party that may change the block while it lives. */
typedef struct own_mut {
    void *ptr;
    uint64_t tag;
} own_mut;

/* ---- Internal layout, shared with the inline fast paths ----------------------------------- */

#define OWN__TAG_BITS    44
#define OWN__TAG_MASK    ((UINT64_C(1) << OWN__TAG_BITS) - 1)
#define OWN__TAG_BORROW  (UINT64_C(1) << 62) /* an own_ref or own_mut */
#define OWN__TAG_EXCL    (UINT64_C(1) << 61) /* an own_mut */
#define OWN__TAG_BIASED  (UINT64_C(1) << 60) /* borrow counted in the owning thread's counter */
#define OWN__TAG_MOVED   (UINT64_C(1) << 59) /* this box was moved away */
#define OWN__TAG_DROPPED (UINT64_C(1) << 58) /* this box was dropped */
#define OWN__TAG_VISIBLE (UINT64_C(1) << 56) /* in the readers table; its slot in bits 44+ */
/* Bit 63 is OWN__TAG_STACK (stack.h): a stack block (the low bits are its frame). */

/* The borrow word: owner tag << 20 | DEAD | REVOKING | UNBIASED | EXCL | VISIBLE | TABLED |
 * shared count (14 bits). VISIBLE: other threads' shared borrows may use the readers table;
 * TABLED: the table may hold some (runtime/owner/readers.c). */
#define OWN__WORD_SHIFT    20
#define OWN__WORD_DEAD     (UINT64_C(1) << 19)
#define OWN__WORD_REVOKING (UINT64_C(1) << 18)
#define OWN__WORD_UNBIASED (UINT64_C(1) << 17)
#define OWN__WORD_EXCL     (UINT64_C(1) << 16)
#define OWN__WORD_VISIBLE  (UINT64_C(1) << 15)
#define OWN__WORD_TABLED   (UINT64_C(1) << 14)
#define OWN__WORD_COUNT    UINT64_C(0x3fff)

/* The bias counter counts shared borrows in units of 1 and exclusive ones in units of 2^32. */
#define OWN__EXCL_UNIT (UINT64_C(1) << 32)

struct own__shard;
struct own__block {
    _Atomic uint64_t word;         /* owner tag, state and borrows of other threads */
    _Atomic uint64_t bias_count;   /* borrows taken by the bias thread: only it writes this */
    _Atomic uint64_t bias_remote;  /* of those, units released by other threads */
    _Atomic uintptr_t bias_thread; /* own__thread_id() of the bias thread */
    /* The last borrow: beside what the fast paths read, so that they touch one cache line. */
    _Atomic(const own_src *) borrow_site;
    size_t size;                    /* bytes asked for */
    uintptr_t magic;                /* own__block_magic(block) while the header is valid */
    struct own__shard *home;        /* the shard whose registry holds the block */
    struct own__block *remote_next; /* dropped by another thread: the home's remote stack */
    const own_src *alloc_site;
    _Atomic(const own_src *) move_site;
    _Atomic(const own_src *) drop_site;
    uint32_t alloc_thread;
    /* borrow_thread starts as the bias thread's number: the fast paths, which only the bias
     * thread takes while the block is biased, need not store it; the slow paths do. */
    _Atomic uint32_t move_thread, borrow_thread, drop_thread;
    uint32_t slot;         /* leak registry: the block's slot in its home shard */
    uint8_t recycle_class; /* the heap class of its memory, if a later own_new may reuse it */
    uint8_t reserved[7];   /* the header stays 128 bytes, so the data stays 16-byte aligned */
};

/* The visible readers table (runtime/owner/readers.c): shared borrows by threads other than the
 * bias thread. A slot holds the header address of the block such a borrow reads and, in the top
 * 16 bits, the number of the thread that took it (what a conflict report names); 0 when free.
 * Beside each slot, the site of the borrow that holds it (NULL for a moment after the claim, and
 * while the slot is free). The borrow's tag carries its slot index in bits 44 and up. */
#define OWN__READER_SLOT_BITS    10
#define OWN__READER_SLOTS        (1u << OWN__READER_SLOT_BITS)
#define OWN__READER_THREAD_SHIFT 48
#define OWN__TAG_SLOT_SHIFT      OWN__TAG_BITS
OWN_API extern _Atomic uintptr_t own__readers[OWN__READER_SLOTS];
OWN_API extern _Atomic(const own_src *) own__reader_sites[OWN__READER_SLOTS];

/* Whether a slot's value is a reader of `b`. */
static inline bool own__readers_reads(uintptr_t value, const struct own__block *b)
{
    return (value & ((UINT64_C(1) << OWN__READER_THREAD_SHIFT) - 1)) == (uintptr_t)b;
}

/* Frees a slot, ending the borrow that held it. Release: the reader's accesses happen before those
 * of the writer that finds 0 here. */
static inline void own__readers_clear(unsigned slot)
{
    atomic_store_explicit(&own__reader_sites[slot], NULL, memory_order_relaxed);
    atomic_store_explicit(&own__readers[slot], 0, memory_order_release);
}

/* Per-thread: `number` names the thread in reports (0 until it first uses the ownership layer). */
struct own__thread {
    uint32_t number;
};
OWN_API extern __thread struct own__thread own__thread;

/* The calling thread's identity for the fast paths: its thread pointer, one instruction, which
 * the compiler may keep in a register across a loop. Unique among live threads, like the address
 * of a thread-local variable. */
static inline uintptr_t own__thread_id(void)
{
#if defined(__x86_64__)
    uintptr_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
#else
    return (uintptr_t)__builtin_thread_pointer();
#endif
}

/* The fast paths are inlined whatever the compiler's size heuristics say: a call would cost more
 * than the path itself. */
#if defined(__GNUC__)
#define OWN__FAST_PATH static inline __attribute__((always_inline))
#else
#define OWN__FAST_PATH static inline
#endif

/* ---- Slow paths and the operations without a fast path (use the macros) ------------------- */

OWN_API own_box own_new_at(size_t size, bool zero, const own_src *site);
OWN_API own_box own_move_at(own_box *h, const own_src *site);
OWN_API void own_drop_at(own_box *h, const own_src *site);
OWN_API bool own_resize_at(own_box *h, size_t size, const own_src *site);
OWN_API void *own_get_at(const own_box *h, const own_src *site);
OWN_API size_t own_size_at(const own_box *h, const own_src *site);
/* timeout_ns: 0 fails at once (reporting borrow-conflict), < 0 waits for ever, else waits that
 * long at most. */
OWN_API own_ref own_borrow_slow(const own_box *h, long long timeout_ns, const own_src *site);
OWN_API own_mut own_borrow_mut_slow(own_box *h, long long timeout_ns, const own_src *site);
OWN_API void own_release_slow(void *ptr, uint64_t tag, const own_src *site);
OWN_API void own__scope_end(void *handle);

/* Lists owned blocks never dropped, grouped by allocation site with counts and bytes, to `out`
 * (stderr when NULL). Returns the number of such blocks. Also runs at exit (OWN_OPTIONS=leaks=0
 * turns that off) when owned blocks are left. */
OWN_API size_t own_leaks(FILE *out);
/* Number of owned blocks alive now: a walk of the leak registry, as own_leaks makes (its time
 * grows with the most blocks alive at once), so the create and drop paths keep no count. */
OWN_API size_t own_live_blocks(void);

/* The header in front of an owned block's first byte. Integer arithmetic: the fast paths compute
 * it before they know the pointer is not NULL, which pointer arithmetic may not do. */
static inline struct own__block *own__block_before(const void *ptr)
{
    return (struct own__block *)((uintptr_t)ptr - sizeof(struct own__block));
}

/* Whether a header in front of `ptr` can be read without a fault: its slot is mapped and holds
 * the whole header. The fast paths ask before they read, so that a forged pointer reaches the
 * slow path, which reports invalid-handle, never a crash. NULL and small integers fail too. */
OWN__FAST_PATH bool own__header_readable(const void *ptr)
{
    uintptr_t p = (uintptr_t)ptr, slot = p >> OWN__SLOT_SHIFT;
    if ((p & ((UINT64_C(1) << OWN__SLOT_SHIFT) - 1)) < sizeof(struct own__block) ||
        slot >= atomic_load_explicit(&own__address_map.slots, memory_order_acquire))
        return false;
    const unsigned char *bytes =
        atomic_load_explicit(&own__address_map.bytes, memory_order_relaxed);
    return __atomic_load_n(&bytes[slot], __ATOMIC_RELAXED) != 0;
}

/* Ends a shared borrow from the readers table, if `tag` is one and its slot still holds it
 * (false otherwise: not such a borrow, or a copy released already). The slot names the block,
 * so the header is read only once the slot said it is a live block's (a forged pointer never
 * gets that far), and the owner's tag tells a copy of a borrow of the block's earlier life
 * apart. Inline in own_release; the slow path asks too, for callers that go to it directly. */
OWN__FAST_PATH bool own__release_visible(const void *ptr, uint64_t tag)
{
    if ((tag & (OWN__TAG_STACK | OWN__TAG_BORROW | OWN__TAG_VISIBLE)) !=
        (OWN__TAG_BORROW | OWN__TAG_VISIBLE))
        return false;
    const struct own__block *b = own__block_before(ptr);
    unsigned slot = (unsigned)(tag >> OWN__TAG_SLOT_SHIFT) & (OWN__READER_SLOTS - 1);
    if (!own__readers_reads(atomic_load_explicit(&own__readers[slot], memory_order_relaxed), b) ||
        (atomic_load_explicit(&b->word, memory_order_relaxed) >> OWN__WORD_SHIFT) !=
            (tag & OWN__TAG_MASK))
        return false;
    own__readers_clear(slot);
    return true;
}

/* ---- The API ------------------------------------------------------------------------------ */

#ifndef OWN_UNCHECKED

/* The fast paths below take a borrow only in the common case: the calling thread is the bias
 * thread and holds no borrow of the block that excludes the new one (no exclusive one for a shared
 * borrow, none at all for an exclusive one), and no release by another thread waits to be folded
 * into bias_count (bias_remote is then 0, and bias_count is exactly what this thread holds). An
 * exclusive borrow and its release store constants, as a RefCell does, so a borrow+release loop
 * carries no value from one turn to the next through memory. Everything else is the slow path. */
OWN__FAST_PATH own_ref own_borrow_at(const own_box *h, const own_src *site)
{
    const void *ptr = h->ptr;
    uint64_t tag = h->tag;
    struct own__block *b = own__block_before(ptr);
    if (__builtin_expect((tag >> OWN__TAG_BITS) == 0 && own__header_readable(ptr), 1) &&
        atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__thread_id()) {
        uint64_t c = atomic_load_explicit(&b->bias_count, memory_order_relaxed);
        if (__builtin_expect(c < OWN__EXCL_UNIT, 1)) {
            /* Announce, then look: the asymmetric half of the protocol of borrow.c. */
            atomic_store_explicit(&b->bias_count, c + 1, memory_order_relaxed);
            atomic_signal_fence(memory_order_seq_cst);
            if (__builtin_expect(atomic_load_explicit(&b->word, memory_order_relaxed) ==
                                     tag << OWN__WORD_SHIFT,
                                 1)) {
                atomic_store_explicit(&b->borrow_site, site, memory_order_relaxed);
                own_ref r = {ptr, tag | OWN__TAG_BORROW | OWN__TAG_BIASED};
                return r;
            }
            atomic_store_explicit(&b->bias_count, c, memory_order_relaxed);
        }
    }
    return own_borrow_slow(h, 0, site);
}

OWN__FAST_PATH own_mut own_borrow_mut_at(own_box *h, const own_src *site)
{
    void *ptr = h->ptr;
    uint64_t tag = h->tag;
    struct own__block *b = own__block_before(ptr);
    if (__builtin_expect((tag >> OWN__TAG_BITS) == 0 && own__header_readable(ptr), 1) &&
        atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__thread_id() &&
        __builtin_expect(atomic_load_explicit(&b->bias_count, memory_order_relaxed) == 0, 1)) {
        atomic_store_explicit(&b->bias_count, OWN__EXCL_UNIT, memory_order_relaxed);
        atomic_signal_fence(memory_order_seq_cst);
        if (__builtin_expect(atomic_load_explicit(&b->word, memory_order_relaxed) ==
                                 tag << OWN__WORD_SHIFT,
                             1)) {
            atomic_store_explicit(&b->borrow_site, site, memory_order_relaxed);
            own_mut m = {ptr, tag | OWN__TAG_BORROW | OWN__TAG_EXCL | OWN__TAG_BIASED};
            return m;
        }
        atomic_store_explicit(&b->bias_count, 0, memory_order_relaxed);
    }
    return own_borrow_mut_slow(h, 0, site);
}

/* Ends a borrow (either kind); *ptr becomes NULL so the variable cannot be used again. */
OWN__FAST_PATH void own__release_at(void **ptr, uint64_t tag, const own_src *site)
{
    struct own__block *b = own__block_before(*ptr);
    if (__builtin_expect((tag & (OWN__TAG_STACK | OWN__TAG_BIASED)) == OWN__TAG_BIASED &&
                             own__header_readable(*ptr),
                         1) &&
        atomic_load_explicit(&b->bias_thread, memory_order_relaxed) == own__thread_id() &&
        (atomic_load_explicit(&b->word, memory_order_relaxed) >> (OWN__WORD_SHIFT - 1)) ==
            ((tag & OWN__TAG_MASK) << 1) &&
        atomic_load_explicit(&b->bias_remote, memory_order_relaxed) == 0) {
        uint64_t c = atomic_load_explicit(&b->bias_count, memory_order_relaxed);
        /* A copy of a released borrow released again finds no borrow of its kind to end.
         * Release: what this thread wrote is visible to whoever borrows next. */
        if (tag & OWN__TAG_EXCL) {
            if (__builtin_expect(c == OWN__EXCL_UNIT, 1)) {
                atomic_store_explicit(&b->bias_count, 0, memory_order_release);
                *ptr = NULL;
                return;
            }
        } else if (__builtin_expect((uint32_t)c != 0, 1)) {
            atomic_store_explicit(&b->bias_count, c - 1, memory_order_release);
            *ptr = NULL;
            return;
        }
    } else if (__builtin_expect(own__release_visible(*ptr, tag), 1)) {
        *ptr = NULL;
        return;
    }
    own_release_slow(*ptr, tag, site);
    /* An owner handed here by mistake was reported (mismatched-free) and stays the owner. */
    if (tag & OWN__TAG_BORROW) *ptr = NULL;
}

#define own_new(size)        own_new_at((size), true, OWN_SITE)
#define own_new_uninit(size) own_new_at((size), false, OWN_SITE)
#define OWN_NEW(T)           own_new_at(sizeof(T), true, OWN_SITE)
#define own_move(h)          own_move_at((h), OWN_SITE)
#define own_drop(h)          own_drop_at((h), OWN_SITE)
#define own_resize(h, size)  own_resize_at((h), (size), OWN_SITE)
#define own_get(h)           own_get_at((h), OWN_SITE)
#define own_size(h)          own_size_at((h), OWN_SITE)
#define own_borrow(h)        own_borrow_at((h), OWN_SITE)
#define own_borrow_mut(h)    own_borrow_mut_at((h), OWN_SITE)
/* Wait for conflicting borrows to end: for ever, or at most timeout_ns nanoseconds. */
#define own_borrow_wait(h)                  own_borrow_slow((h), -1, OWN_SITE)
#define own_borrow_mut_wait(h)              own_borrow_mut_slow((h), -1, OWN_SITE)
#define own_borrow_timed(h, timeout_ns)     own_borrow_slow((h), (timeout_ns), OWN_SITE)
#define own_borrow_mut_timed(h, timeout_ns) own_borrow_mut_slow((h), (timeout_ns), OWN_SITE)
#define own_release(b)                      own__release_at((void **)(void *)&(b).ptr, (b).tag, OWN_SITE)

#else /* OWN_UNCHECKED: plain pointer operations */

static inline own_box own__unchecked_new(size_t size, bool zero)
{
    own_box h = {zero ? own_calloc(1, size ? size : 1) : own_malloc(size ? size : 1), 0};
    return h;
}
static inline own_box own__unchecked_move(own_box *h)
{
    own_box moved = *h;
    h->ptr = NULL;
    return moved;
}
static inline void own__unchecked_drop(own_box *h)
{
    own_free(h->ptr);
    h->ptr = NULL;
}
static inline bool own__unchecked_resize(own_box *h, size_t size)
{
    void *p = own_realloc(h->ptr, size ? size : 1);
    if (!p) return false;
    h->ptr = p;
    return true;
}
static inline own_ref own__unchecked_ref(const own_box *h)
{
    own_ref r = {h->ptr, OWN__TAG_BORROW};
    return r;
}
static inline own_mut own__unchecked_mut(own_box *h)
{
    own_mut m = {h->ptr, OWN__TAG_BORROW | OWN__TAG_EXCL};
    return m;
}
/* The waiting borrows stay synchronisation (reader-writer locks on the address, unchecked.c). */
#define OWN__TAG_WAITED      (UINT64_C(1) << 57)
OWN_API bool own__unchecked_wait(const void *ptr, bool exclusive, long long timeout_ns);
OWN_API void own__unchecked_end(const void *ptr, bool exclusive);
static inline own_ref own__unchecked_waited(const void *ptr, bool exclusive, long long timeout_ns)
{
    own_ref r = {NULL, 0};
    if (own__unchecked_wait(ptr, exclusive, timeout_ns)) {
        r.ptr = ptr;
        r.tag = OWN__TAG_BORROW | OWN__TAG_WAITED | (exclusive ? OWN__TAG_EXCL : 0);
    }
    return r;
}
static inline own_mut own__unchecked_waited_mut(void *ptr, long long timeout_ns)
{
    own_ref r = own__unchecked_waited(ptr, true, timeout_ns);
    own_mut m = {r.ptr ? ptr : NULL, r.tag}; /* ptr itself: no const to cast away */
    return m;
}
static inline void own__unchecked_release(void **ptr, uint64_t tag)
{
    if (*ptr && (tag & OWN__TAG_WAITED)) own__unchecked_end(*ptr, (tag & OWN__TAG_EXCL) != 0);
    *ptr = NULL;
}
#define own_new(size)        own__unchecked_new((size), true)
#define own_new_uninit(size) own__unchecked_new((size), false)
#define OWN_NEW(T)           own__unchecked_new(sizeof(T), true)
#define own_move(h)          own__unchecked_move(h)
#define own_drop(h)          own__unchecked_drop(h)
#define own_resize(h, size)  own__unchecked_resize((h), (size))
#define own_get(h)           ((h)->ptr)
#define own_size(h)                                                                                \
    (((h)->tag & OWN__TAG_STACK) ? own_size_at((h), OWN_SITE) : own_malloc_usable_size((h)->ptr))
#define own_borrow(h)                       own__unchecked_ref(h)
#define own_borrow_mut(h)                   own__unchecked_mut(h)
#define own_borrow_wait(h)                  own__unchecked_waited((h)->ptr, false, -1)
#define own_borrow_mut_wait(h)              own__unchecked_waited_mut((h)->ptr, -1)
#define own_borrow_timed(h, timeout_ns)     own__unchecked_waited((h)->ptr, false, (timeout_ns))
#define own_borrow_mut_timed(h, timeout_ns) own__unchecked_waited_mut((h)->ptr, (timeout_ns))
#define own_release(b)                      own__unchecked_release((void **)(void *)&(b).ptr, (b).tag)
/* Scoped owners are freed (unless moved or dropped: their ptr is NULL then); borrows end. */
static inline void own__scope_end_unchecked(void *handle)
{
    own_box *h = (own_box *)handle;
    if (h->ptr && (h->tag & OWN__TAG_BORROW))
        own__unchecked_release(&h->ptr, h->tag);
    else if (h->ptr && !(h->tag & OWN__TAG_STACK))
        own__unchecked_drop(h);
}

#endif

/* OWN_SCOPED own_box b = own_new(64);  — b is dropped (if it still owns its block) and a borrow
 * is released (if not released yet) when the enclosing C block ends. */
#ifndef OWN_UNCHECKED
#define OWN_SCOPED __attribute__((cleanup(own__scope_end)))
#else
#define OWN_SCOPED __attribute__((cleanup(own__scope_end_unchecked)))
#endif

#ifdef __cplusplus
}
#endif
#endif
