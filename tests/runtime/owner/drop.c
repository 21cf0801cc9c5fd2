/* drop.c: own_drop and the errors of a dead handle — double-free, use-after-free — and of a
 * stack block dropped like a heap block (free-non-heap). */
#include "capture.h"

static void double_free(void)
{
    own_box a = own_new(32);
    int alloc_line = __LINE__ - 1;
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    CHECK_NO_REPORT();
    own_drop(&a);
    int again_line = __LINE__ - 1;
    CHECK_REPORT("double-free", "error[double-free]: block of 32 bytes dropped twice",
                 AT(again_line), AT(drop_line), AT(alloc_line), "   = note: dropped at ");
}

static void copy_after_drop(void)
{
    own_box a = own_new(48);
    own_box copy = a;
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    own_drop(&copy);
    int again_line = __LINE__ - 1;
    CHECK_REPORT("double-free", AT(again_line), AT(drop_line));
}

static void use_after_free(void)
{
    own_box a = own_new(16);
    int alloc_line = __LINE__ - 1;
    own_box copy = a;
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    CHECK(own_get(&copy) == NULL);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("use-after-free", "block of 16 bytes used after it was dropped", AT(use_line),
                 AT(drop_line), AT(alloc_line));
    own_ref r = own_borrow(&copy);
    int borrow_line = __LINE__ - 1;
    CHECK(r.ptr == NULL);
    CHECK_REPORT("use-after-free", "borrowed after it was dropped", AT(borrow_line));
    own_mut m = own_borrow_mut(&copy);
    CHECK(m.ptr == NULL);
    CHECK_REPORT("use-after-free", AT(drop_line));
    CHECK(!own_resize(&copy, 100));
    CHECK_REPORT("use-after-free", "resized after it was dropped");
    own_box moved = own_move(&copy);
    CHECK(moved.ptr == NULL);
    CHECK_REPORT("use-after-free", "moved after it was dropped");
}

/* Long after the drop, when its memory went back to the heap, the handle still knows. */
static void long_after(void)
{
    own_box a = own_new(16);
    own_drop(&a);
    for (int i = 0; i < 1000; i++) {
        own_box t = own_new(16);
        own_drop(&t);
    }
    CHECK_NO_REPORT();
    CHECK(own_get(&a) == NULL);
    int use_line = __LINE__ - 1;
    CHECK(atomic_load(&capture_count) == 1);
    CHECK(!strcmp(capture_kind, "use-after-free") || !strcmp(capture_kind, "use-after-move"));
    CHECK(strstr(capture_text, AT(use_line)) != NULL);
    capture_start();
    own_drop(&a);
    CHECK(!strcmp(capture_kind, "double-free"));
    capture_start();
}

static void stack_block_dropped(void)
{
    own_frame f = own_stack_push();
    int push_line = __LINE__ - 1;
    own_box s = own_stack_alloc(24);
    int alloc_line = __LINE__ - 1;
    own_drop(&s);
    int drop_line = __LINE__ - 1;
    CHECK_REPORT("free-non-heap",
                 "error[free-non-heap]: stack block of 24 bytes dropped like a heap block",
                 AT(drop_line), AT(alloc_line), AT(push_line));
    own_stack_pop(f);
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    double_free();
    copy_after_drop();
    use_after_free();
    long_after();
    stack_block_dropped();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
