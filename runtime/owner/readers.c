/* readers.c: the visible readers table — shared borrows by threads other than the bias thread
 * with one atomic instruction instead of two.
 *
 * On the word path (borrow.c) a shared borrow and its release are two CASes on the block's word,
 * what a reader-writer lock pays. Here a reader instead claims a slot of one process-wide table
 * (a CAS from 0 to the block's header address), then looks at the word; its release is a plain
 * store of 0 into the slot. The slot is a hash of the block and the thread, and the borrow's tag
 * carries its index, so the release needs no search. The slot also names the reader's thread and
 * site, so readers write nothing into the block's header, whose cache line stays shared among
 * them.
 *
 * A writer (an exclusive borrow, a drop, a move, a resize) must see those readers. The word's
 * VISIBLE bit lets readers use the table; TABLED says the table may hold readers of the block. A
 * writer that finds TABLED takes the word with EXCL and clears VISIBLE in one CAS, then scans the
 * table. Dekker's pattern with both sides fenced: the reader's CAS on its slot comes before its
 * look at the word, the writer's CAS on the word before its look at the slots, and all four are
 * sequentially consistent, so either the reader sees EXCL (and gives its slot back) or the writer
 * finds the slot (and backs off, a conflict). Once a scan finds none, TABLED is cleared too: with
 * VISIBLE gone no reader can come back to the table, and the block stays on the word path.
 *
 * The bits are set when a block's bias is revoked (borrow.c), that is when a second thread first
 * touches it; a writer pays one scan of the table (8 KiB) for the life of the block. A slot taken
 * by another borrow sends the reader to the word path. */
#include "owner/block.h"

_Alignas(64) _Atomic uintptr_t own__readers[OWN__READER_SLOTS];
_Alignas(64) _Atomic(const own_src *) own__reader_sites[OWN__READER_SLOTS];

/* A slot that holds a reader of `b`, with what it holds; -1 when none does. */
static int any_reader(const struct own__block *b, uintptr_t *value)
{
    for (unsigned i = 0; i < OWN__READER_SLOTS; i++) {
        *value = atomic_load_explicit(&own__readers[i], memory_order_seq_cst);
        if (own__readers_reads(*value, b)) return (int)i;
    }
    return -1;
}

enum own__close own__readers_close(struct own__block *b, uint64_t w)
{
    uint64_t locked = (w | OWN__WORD_EXCL) & ~(OWN__WORD_VISIBLE | OWN__WORD_TABLED);
    if (!atomic_compare_exchange_strong_explicit(&b->word, &w, locked, memory_order_seq_cst,
                                                 memory_order_acquire))
        return OWN__CLOSE_RETRY;
    uintptr_t reader;
    int slot = any_reader(b, &reader);
    if (slot < 0) return OWN__CLOSE_TAKEN;
    /* Readers in the table leave the header alone (its cache line stays shared among them): the
     * report that follows learns the reader's site and thread here. The site is NULL for the
     * moment between a claim and its store; the header's last site stands in then. */
    const own_src *site = atomic_load_explicit(&own__reader_sites[slot], memory_order_relaxed);
    if (site) atomic_store_explicit(&b->borrow_site, site, memory_order_relaxed);
    atomic_store_explicit(&b->borrow_thread, (unsigned)(reader >> OWN__READER_THREAD_SHIFT),
                          memory_order_relaxed);
    /* TABLED back before EXCL goes: no writer may find the word free and the table closed while
     * the reader is in it. */
    atomic_fetch_or_explicit(&b->word, OWN__WORD_TABLED, memory_order_relaxed);
    atomic_fetch_and_explicit(&b->word, ~OWN__WORD_EXCL, memory_order_release);
    return OWN__CLOSE_READERS;
}
