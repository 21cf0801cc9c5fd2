/* errors.c: the stack's errors — dangling-stack (a handle used after its frame was popped, an
 * outer frame popped before an inner one, a frame popped twice), stack-overflow, and a block
 * asked for with no frame — each asserted by kind and by the sites its report names. */
#include "../owner/capture.h"

static own_box escape(int *alloc_line)
{
    own_box b;
    OWN_FRAME
    {
        b = own_stack_alloc(40);
        *alloc_line = __LINE__ - 1;
    }
    return b; /* its frame is gone */
}

static void dangling(void)
{
    int alloc_line;
    own_box b = escape(&alloc_line);
    CHECK_NO_REPORT();
    CHECK(own_get(&b) == NULL);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("dangling-stack",
                 "error[dangling-stack]: stack block of 40 bytes used after its frame was popped",
                 AT(use_line), AT(alloc_line), "   = note: frame popped at ");
    own_ref r = own_borrow(&b);
    CHECK(r.ptr == NULL);
    CHECK_REPORT("dangling-stack", "borrowed after its frame was popped");
    /* a borrow that outlives the frame */
    own_frame f = own_stack_push();
    own_box s = own_stack_alloc(8);
    own_ref sr = own_borrow(&s);
    own_stack_pop(f);
    int pop_line = __LINE__ - 1;
    own_release(sr);
    CHECK_REPORT("dangling-stack", AT(pop_line));
}

static void out_of_order(void)
{
    own_frame outer = own_stack_push();
    own_frame inner = own_stack_push();
    int inner_line = __LINE__ - 1;
    own_box in_inner = own_stack_alloc(16);
    own_stack_pop(outer);
    int pop_line = __LINE__ - 1;
    CHECK_REPORT("dangling-stack",
                 "error[dangling-stack]: frame popped while an inner frame is still live",
                 AT(pop_line), AT(inner_line), "inner frame, still live, pushed at ");
    CHECK(own_get(&in_inner) == NULL); /* popped with it */
    CHECK_REPORT("dangling-stack");
    own_stack_pop(inner);
    CHECK_REPORT("dangling-stack", "frame popped twice");
    own_stack_pop(outer);
    int again_line = __LINE__ - 1;
    CHECK_REPORT("dangling-stack", "frame popped twice", AT(again_line), AT(pop_line));
    CHECK_EQ_INT(own_stack_used(), 0);
}

static void overflow(void)
{
    CHECK(own_stack_set_capacity(16 * 1024));
    own_frame f = own_stack_push();
    int push_line = __LINE__ - 1;
    own_box big = own_stack_alloc(12 * 1024);
    CHECK(big.ptr != NULL);
    own_box more = own_stack_alloc(8 * 1024);
    int line = __LINE__ - 1;
    CHECK(more.ptr == NULL);
    CHECK_REPORT("stack-overflow",
                 "error[stack-overflow]: stack block of 8192 bytes does not fit in the thread's "
                 "stack",
                 AT(line), AT(push_line), "the stack holds 16384 bytes", "stack_size=N");
    own_box huge = own_stack_alloc((size_t)1 << 40);
    CHECK(huge.ptr == NULL);
    CHECK_REPORT("stack-overflow");
    /* frames themselves overflow too, without corrupting anything */
    int pushed = 0;
    for (int i = 0; i < 10000; i++) {
        own_frame g = own_stack_push();
        if (!g.record) break;
        pushed++;
    }
    CHECK(pushed > 0 && pushed < 10000);
    CHECK_REPORT("stack-overflow", "a frame of");
    own_stack_pop(f); /* pops the inner ones too, reporting that once */
    CHECK_REPORT("dangling-stack", "frame popped while an inner frame is still live");
    CHECK_EQ_INT(own_stack_used(), 0);
}

/* A handle whose memory now belongs to a newer frame: the header is a newer block's, or is data. */
static void memory_reused(void)
{
    own_frame f = own_stack_push();
    own_box old = own_stack_alloc(16);
    own_stack_pop(f);
    own_frame g = own_stack_push(); /* the same record and the same memory */
    own_box newer = own_stack_alloc(16);
    CHECK(newer.ptr == old.ptr);
    CHECK(own_get(&newer) == newer.ptr);
    CHECK_NO_REPORT();
    CHECK(own_get(&old) == NULL);
    CHECK_REPORT("dangling-stack",
                 "error[dangling-stack]: stack block used after its frame was "
                 "popped",
                 "its memory now holds a newer frame's data");
    own_stack_pop(g);

    own_frame h = own_stack_push();
    own_box before = own_stack_alloc(16);
    own_box second = own_stack_alloc(16);
    CHECK(before.ptr != NULL && second.ptr != NULL);
    own_stack_pop(h);
    own_frame k = own_stack_push();
    own_box wide = own_stack_alloc(256); /* its data covers second's header */
    CHECK((char *)wide.ptr < (char *)second.ptr - 32);
    memset(wide.ptr, 0xff, 256);
    CHECK(own_get(&second) == NULL);
    CHECK_REPORT("dangling-stack", "its memory now holds a newer frame's data");
    own_stack_pop(k);
}

/* Frame records fill the region from its end, blocks from its start: they share the room. */
static void frames_and_blocks_share_the_room(void)
{
    CHECK(own_stack_set_capacity(16 * 1024));
    own_frame frames[256];
    for (int i = 0; i < 256; i++)
        frames[i] = own_stack_push();
    CHECK(frames[255].record != NULL);
    size_t records = own_stack_used();
    CHECK_EQ_INT(records, 256 * 32);
    own_box big = own_stack_alloc(9 * 1024); /* fits an empty stack, not beside the records */
    int line = __LINE__ - 1;
    CHECK(big.ptr == NULL);
    CHECK_REPORT("stack-overflow", AT(line), "the stack holds 16384 bytes, 8192 are in use");
    own_box fits = own_stack_alloc(4 * 1024);
    CHECK(fits.ptr != NULL);
    memset(fits.ptr, 7, 4 * 1024);
    CHECK_EQ_INT(own_stack_used(), records + 32 + 4 * 1024);
    for (int i = 255; i >= 0; i--)
        own_stack_pop(frames[i]);
    CHECK_NO_REPORT();
    CHECK_EQ_INT(own_stack_used(), 0);
    OWN_FRAME
    {
        big = own_stack_alloc(9 * 1024);
        CHECK(big.ptr != NULL);
        CHECK_EQ_INT(own_size(&big), 9 * 1024);
    }
    CHECK_NO_REPORT();
}

static void no_frame(void)
{
    own_box b = own_stack_alloc(8);
    int line = __LINE__ - 1;
    CHECK(b.ptr == NULL);
    CHECK_REPORT("invalid-handle", "with no frame", AT(line));
}

int main(void)
{
    capture_start();
    dangling();
    out_of_order();
    overflow();
    memory_reused();
    frames_and_blocks_share_the_room();
    no_frame();
    return TEST_DONE();
}
