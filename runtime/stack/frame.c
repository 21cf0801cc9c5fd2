/* frame.c: push, allocate and pop — the O(1) operations of the stack of frames, whole: the
 * inline fast paths of own/stack.h call these for the first push of a thread, stack-overflow,
 * a block asked for with no frame and a pop out of order, and these report them. */
#include <string.h>

#include "stack/stack.h"

#define OWN_ALIGN16(n) (((n) + 15) & ~(size_t)15)

static void report_overflow(own__stack *st, size_t need, const char *what, const own_src *site)
{
    own_report r;
    own_site at = own__site(site, own__thread_number());
    own__report_begin(&r, "stack-overflow", "%s of %zu bytes does not fit in the thread's stack",
                      what, need);
    own__report_at(&r, &at);
    own__report_line(&r, "   = note: the stack holds %zu bytes, %zu are in use",
                     (size_t)(st->end - st->base), own_stack_used());
    if (own__stack_has_frame(st)) {
        own_site pushed = own__site(st->frame->site, own__stack_gen_thread(st->frame->gen));
        own__report_note(&r, "innermost frame pushed", &pushed);
    }
    own__report_line(&r, "   = help: raise it with OWN_OPTIONS=stack_size=N or "
                         "own_stack_set_capacity(), or put big blocks on the heap");
    own__report_finish(&r);
}

own_frame own_stack_push_at(const own_src *site)
{
    own__stack *st = &own__stack_tls;
    own_frame f = {NULL, 0};
    if (own_unlikely(!st->base) && !own__stack_map(st)) {
        report_overflow(st, sizeof(own__frame_record), "a frame", site);
        return f;
    }
    if (own_unlikely((size_t)((char *)st->frame - st->top) < sizeof(own__frame_record))) {
        report_overflow(st, sizeof(own__frame_record), "a frame", site);
        return f;
    }
    own__frame_record *rec = st->frame - 1;
    rec->gen = st->next_gen++;
    rec->site = site;
    rec->top = st->top;
    st->frame = rec;
    f.record = rec;
    f.gen = rec->gen;
    return f;
}

own_box own_stack_alloc_at(size_t size, const own_src *site)
{
    own__stack *st = &own__stack_tls;
    own_box h = {NULL, OWN__TAG_STACK};
    if (own_unlikely(!own__stack_has_frame(st))) {
        own_report r;
        own_site at = own__site(site, own__thread_number());
        own__report_begin(&r, "invalid-handle",
                          "stack block of %zu bytes asked for with no frame on this thread's stack",
                          size);
        own__report_at(&r, &at);
        own__report_line(&r, "   = help: push a frame first (own_stack_push or OWN_FRAME)");
        own__report_finish(&r);
        return h;
    }
    own__frame_record *rec = st->frame;
    size_t room = (size_t)((char *)rec - st->top);
    if (own_unlikely(size > room || OWN_ALIGN16(size) + sizeof(own__stack_block) > room ||
                     size > OWN__STACK_BLOCK_MAX)) {
        report_overflow(st, size, "stack block", site);
        return h;
    }
    own__stack_block *b = (own__stack_block *)st->top;
    b->gen = rec->gen;
    b->site = site;
    b->size_and_frame = own__stack_size_and_frame(size, b, rec);
    st->top += sizeof *b + OWN_ALIGN16(size);
    h.ptr = b + 1;
    h.tag = OWN__TAG_STACK | rec->gen;
    return h;
}

static void report_pop(const char *message, own_frame frame, const own__frame_record *inner,
                       const own_src *site)
{
    /* Both frames lie in this thread's region: this thread pushed them (and popped `frame`). */
    unsigned me = own__thread_number();
    own_report r;
    own_site at = own__site(site, me);
    own__report_begin(&r, "dangling-stack", "%s", message);
    own__report_at(&r, &at);
    const own__frame_record *rec = frame.record;
    if (inner) {
        own_site pushed = own__site(inner->site, me);
        own__report_note(&r, "inner frame, still live, pushed", &pushed);
        own__report_line(&r, "   = note: its blocks would outlive it; it is popped too");
    }
    if (rec->gen == OWN__STACK_POPPED(frame.gen)) {
        own_site popped = own__site(rec->pop_site, me);
        own__report_note(&r, "popped", &popped);
    }
    if (!inner && rec->gen != OWN__STACK_POPPED(frame.gen)) {
        own__report_line(&r, "   = note: the frame is gone and its memory reused");
    } else {
        own_site pushed = own__site(rec->site, me);
        own__report_note(&r, "frame pushed", &pushed);
    }
    own__report_finish(&r);
}

/* A pop of a frame that is not the innermost: reports it, and returns whether `frame` is an
 * outer frame of this thread that can still be popped (its inner frames are marked popped). Kept
 * out of line so that the ordinary pop needs no room for a report. */
static __attribute__((noinline, cold)) bool pop_out_of_order(own__stack *st, own_frame frame,
                                                             const own_src *site)
{
    own__frame_record *rec = frame.record;
    /* The live records lie between the innermost one and the bottom, on the records' grid. */
    bool ours = own__stack_has_frame(st) && rec >= st->frame && rec < own__stack_bottom(st) &&
                ((uintptr_t)st->end - (uintptr_t)rec) % sizeof *rec == 0;
    if (!ours || rec->gen != frame.gen) {
        if (!ours && !(st->base && (char *)rec >= st->base && (char *)rec < st->end)) {
            own_report r;
            own_site at = own__site(site, own__thread_number());
            own__report_begin(&r, "invalid-handle",
                              "frame popped by a thread whose stack does not hold it");
            own__report_at(&r, &at);
            own__report_finish(&r);
            return false;
        }
        report_pop("frame popped twice (or after an outer frame was popped)", frame, NULL, site);
        return false;
    }
    /* An outer frame popped while inner ones live: report the innermost, pop them all. */
    report_pop("frame popped while an inner frame is still live", frame, st->frame, site);
    for (own__frame_record *f = st->frame; f != rec; f++) {
        f->gen = OWN__STACK_POPPED(f->gen);
        f->pop_site = site;
    }
    return true;
}

void own_stack_pop_at(own_frame frame, const own_src *site)
{
    own__stack *st = &own__stack_tls;
    own__frame_record *rec = frame.record;
    if (!rec) return; /* the push failed and was reported */
    if (own_unlikely(rec != st->frame || rec->gen != frame.gen) &&
        !pop_out_of_order(st, frame, site))
        return;
    rec->gen = OWN__STACK_POPPED(rec->gen);
    rec->pop_site = site;
    st->top = rec->top; /* the top before the push */
    st->frame = rec + 1;
}
