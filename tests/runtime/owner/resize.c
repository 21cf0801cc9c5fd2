/* resize.c: own_resize keeps ownership and contents; a stale copy of the handle then names the
 * resize; a stack block cannot be resized (stack-resize). */
#include "capture.h"

static void grow_and_shrink(void)
{
    own_box a = own_new(16);
    memcpy(own_get(&a), "0123456789abcdef", 16);
    own_box stale = a;
    CHECK(own_resize(&a, 4096));
    int resize_line = __LINE__ - 1;
    CHECK_EQ_INT(own_size(&a), 4096);
    CHECK(!memcmp(own_get(&a), "0123456789abcdef", 16));
    CHECK_EQ_INT(((char *)own_get(&a))[4095], 0); /* grown bytes are zero */
    own_ref r = own_borrow(&a);
    CHECK(r.ptr == a.ptr);
    own_release(r);
    CHECK(own_resize(&a, 8));
    CHECK_EQ_INT(own_size(&a), 8);
    CHECK(!memcmp(own_get(&a), "01234567", 8));
    CHECK_NO_REPORT();
    CHECK(own_get(&stale) == NULL);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("use-after-free", AT(use_line), AT(resize_line));
    own_box b = own_move(&a);
    own_drop(&b);
    CHECK_NO_REPORT();
}

static void stack_resize(void)
{
    own_frame f = own_stack_push();
    own_box s = own_stack_alloc(32);
    int alloc_line = __LINE__ - 1;
    CHECK(!own_resize(&s, 64));
    int resize_line = __LINE__ - 1;
    CHECK_REPORT("stack-resize",
                 "error[stack-resize]: stack block of 32 bytes asked to change size: its size is "
                 "fixed",
                 AT(resize_line), AT(alloc_line));
    CHECK_EQ_INT(own_size(&s), 32);
    own_stack_pop(f);
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    grow_and_shrink();
    stack_resize();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
