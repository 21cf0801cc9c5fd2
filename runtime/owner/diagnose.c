/* diagnose.c: what is wrong with a handle, told in DESIGN.md's report format — every report names
 * the block, the site of the error and the recorded sites that explain it.
 *
 * A box is judged by comparing its tag with the owner tag in its block's word: equal and live is
 * fine; equal and DEAD is a use after drop; same serial but another move count means the handle
 * was moved from; anything else means the memory no longer holds that block. Headers are only
 * read after the heap's segment map says the address is own's, so a forged pointer never faults. */
#include <stdarg.h>
#include <stdio.h>

#include "heap/heap.h"
#include "owner/block.h"

#define OWN_TAG_SERIAL(tag) ((tag) >> 12)

void own__report_history(own_report *r, struct own__block *b, bool borrow, bool move, bool drop)
{
    const own_src *s;
    if (borrow && (s = atomic_load_explicit(&b->borrow_site, memory_order_relaxed))) {
        own_site site = own__site(s, atomic_load_explicit(&b->borrow_thread, memory_order_relaxed));
        own__report_note(r, "last borrowed", &site);
    }
    if (move && (s = atomic_load_explicit(&b->move_site, memory_order_relaxed))) {
        own_site site = own__site(s, atomic_load_explicit(&b->move_thread, memory_order_relaxed));
        own__report_note(r, "moved", &site);
    }
    if (drop && (s = atomic_load_explicit(&b->drop_site, memory_order_relaxed))) {
        own_site site = own__site(s, atomic_load_explicit(&b->drop_thread, memory_order_relaxed));
        own__report_note(r, "dropped", &site);
        if (own__trace_stacks) own__traces_report(r, b, true);
    }
    own_site alloc = own__site(b->alloc_site, b->alloc_thread);
    own__report_note(r, "allocated", &alloc);
    if (own__trace_stacks) own__traces_report(r, b, false);
}

void own__report_block(const char *kind, struct own__block *b, const own_src *site, const char *fmt,
                       ...)
{
    own_report r;
    char message[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    own__report_begin(&r, kind, "block of %zu bytes %s", b->size, message);
    own_site at = own__site(site, own__me());
    own__report_at(&r, &at);
    own__report_history(&r, b, false, true, true);
    own__report_finish(&r);
}

static void report_plain(const char *kind, const own_src *site, const char *fmt, const char *verb,
                         const char *help)
{
    own_report r;
    own__report_begin(&r, kind, fmt, verb);
    own_site at = own__site(site, own__me());
    own__report_at(&r, &at);
    if (help) own__report_line(&r, "   = help: %s", help);
    own__report_finish(&r);
}

/* The handle's block is gone (or never was): say the most precise thing the handle allows. */
static void report_lost(const own_box *h, const char *verb, const own_src *site)
{
    bool dropping = verb[0] == 'd';
    if (h->tag & OWN__TAG_DROPPED)
        report_plain(dropping ? "double-free" : "use-after-free", site,
                     "block %s after it was dropped (its memory has been reused since)", verb,
                     NULL);
    else if (h->tag & OWN__TAG_MOVED)
        report_plain("use-after-move", site,
                     "block %s through a handle it was moved from (the block is gone since)", verb,
                     NULL);
    else
        report_plain("invalid-handle", site,
                     "handle %s does not name a live owned block (forged, foreign, or freed long "
                     "ago)",
                     verb,
                     "use only handles from own_new or own_move, and only until moved or "
                     "dropped");
}

struct own__block *own__check_box(const own_box *h, const char *verb, const own_src *site)
{
    if (!h || !h->ptr) {
        report_plain("invalid-handle", site, "NULL handle %s", verb,
                     "own_new returns a NULL handle when memory runs out; check it");
        return NULL;
    }
    if (h->tag & OWN__TAG_BORROW) {
        /* A borrow where an owner belongs: dropping it is the wrong family of release. */
        report_plain(verb[0] == 'd' ? "mismatched-free" : "invalid-handle", site,
                     "a borrow %s where an owner handle is expected", verb,
                     "a borrow ends with own_release; only its owner is dropped");
        return NULL;
    }
    if (!own__header_valid(h->ptr)) {
        report_lost(h, verb, site);
        return NULL;
    }
    struct own__block *b = own__header(h->ptr);
    uint64_t tag = h->tag & OWN__TAG_MASK;
    uint64_t w = atomic_load_explicit(&b->word, memory_order_acquire);
    uint64_t now = own__word_tag(w);
    if (now == tag) {
        if (!(w & OWN__WORD_DEAD)) return b;
        if (verb[0] == 'd')
            own__report_block("double-free", b, site, "dropped twice");
        else
            own__report_block("use-after-free", b, site, "%s after it was dropped", verb);
        return NULL;
    }
    if (OWN_TAG_SERIAL(now) == OWN_TAG_SERIAL(tag)) {
        own__report_block("use-after-move", b, site, "%s after it was moved", verb);
        return NULL;
    }
    report_lost(h, verb, site);
    return NULL;
}
