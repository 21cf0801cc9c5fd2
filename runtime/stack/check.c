/* check.c: what the ownership layer asks of a stack handle — is its frame still there, how big
 * is it — and the reports for stack blocks passed where only heap blocks belong. */
#include "stack/stack.h"

/* Whether the header still holds the generation `gen`, and so names its frame's record: a record
 * lies above the block's data, on the 32-byte grid of the region's end. */
static bool header_intact(const own__stack_block *b, uint64_t gen)
{
    uint64_t frame_units = b->size_and_frame >> 32;
    return b->gen == gen && frame_units * 16 >= sizeof *b + own__stack_header_size(b) &&
           (uintptr_t)own__stack_header_frame(b) % sizeof(own__frame_record) == 0;
}

/* The header of a live block still holds its frame's generation and names a frame record that
 * still holds it. Regions are never unmapped, so these reads are safe for any old handle. */
static const own__stack_block *live_block(const own_box *h)
{
    const own__stack_block *b = (const own__stack_block *)h->ptr - 1;
    uint64_t gen = h->tag & OWN__STACK_GEN_MASK;
    if (!h->ptr || !header_intact(b, gen) || own__stack_header_frame(b)->gen != gen) return NULL;
    return b;
}

void *own__stack_block_check(const own_box *h, const char *what, const own_src *site)
{
    if (own_likely(live_block(h) != NULL)) return h->ptr;
    own_report r;
    own_site at = own__site(site, own__thread_number());
    if (!h->ptr) {
        own__report_begin(&r, "invalid-handle", "stack handle with no block %s", what);
        own__report_at(&r, &at);
        own__report_finish(&r);
        return NULL;
    }
    const own__stack_block *b = (const own__stack_block *)h->ptr - 1;
    uint64_t gen = h->tag & OWN__STACK_GEN_MASK;
    bool intact = header_intact(b, gen);
    unsigned thread = own__stack_gen_thread(gen);
    if (intact)
        own__report_begin(&r, "dangling-stack",
                          "stack block of %u bytes %s after its frame was popped",
                          own__stack_header_size(b), what);
    else
        own__report_begin(&r, "dangling-stack", "stack block %s after its frame was popped", what);
    own__report_at(&r, &at);
    if (intact) {
        const own__frame_record *f = own__stack_header_frame(b);
        if (f->gen == OWN__STACK_POPPED(gen)) {
            own_site popped = own__site(f->pop_site, thread);
            own__report_note(&r, "frame popped", &popped);
        }
        own_site alloc = own__site(b->site, thread);
        own__report_note(&r, "allocated", &alloc);
    } else {
        own__report_line(&r, "   = note: its memory now holds a newer frame's data");
    }
    own__report_line(&r, "   = help: keep stack blocks inside their frame, or use own_new for data "
                         "that must outlive it");
    own__report_finish(&r);
    return NULL;
}

size_t own__stack_block_size(const own_box *h)
{
    const own__stack_block *b = live_block(h);
    return b ? own__stack_header_size(b) : 0;
}

void own__stack_block_misuse(const own_box *h, const char *kind, const char *message,
                             const own_src *site)
{
    const own__stack_block *b = live_block(h);
    own_report r;
    own_site at = own__site(site, own__thread_number());
    if (b)
        own__report_begin(&r, kind, "stack block of %u bytes %s", own__stack_header_size(b),
                          message);
    else
        own__report_begin(&r, kind, "stack block %s", message);
    own__report_at(&r, &at);
    if (b) {
        unsigned thread = own__stack_gen_thread(b->gen);
        own_site alloc = own__site(b->site, thread);
        own__report_note(&r, "allocated on the stack", &alloc);
        own_site pushed = own__site(own__stack_header_frame(b)->site, thread);
        own__report_note(&r, "its frame pushed", &pushed);
    }
    own__report_line(&r, "   = help: a stack block has a fixed size and ends with its frame; use "
                         "own_new for a block to resize or drop");
    own__report_finish(&r);
}
