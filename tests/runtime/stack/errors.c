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
    no_frame();
    return TEST_DONE();
}
