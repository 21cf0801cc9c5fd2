/* scoped.c: OWN_SCOPED drops owners and releases borrows at the end of their C block; an owner
 * whose scope ends while a borrow lives is borrow-outlives-owner. */
#include "capture.h"

static void scope_drops(void)
{
    size_t before = own_live_blocks();
    {
        OWN_SCOPED own_box a = own_new(32);
        OWN_SCOPED own_ref r = own_borrow(&a);
        CHECK(r.ptr == a.ptr);
        CHECK_EQ_INT(own_live_blocks(), before + 1);
    } /* r released, then a dropped (reverse order of declaration) */
    CHECK_EQ_INT(own_live_blocks(), before);
    CHECK_NO_REPORT();
}

static own_box make(void)
{
    OWN_SCOPED own_box local = own_new(8);
    return own_move(&local); /* moved out: the scope does not drop it */
}

static void moved_out_and_released(void)
{
    size_t before = own_live_blocks();
    own_box got = make();
    CHECK_EQ_INT(own_live_blocks(), before + 1);
    {
        OWN_SCOPED own_mut w = own_borrow_mut(&got);
        *(char *)w.ptr = 1;
        own_release(w); /* released early: the scope leaves it alone */
        OWN_SCOPED own_box dropped = own_new(4);
        own_drop(&dropped); /* dropped early: likewise */
    }
    CHECK_NO_REPORT();
    own_drop(&got);
    CHECK_EQ_INT(own_live_blocks(), before);
}

static void outlives(void)
{
    own_ref kept;
    int alloc_line;
    {
        OWN_SCOPED own_box a = own_new(24);
        alloc_line = __LINE__ - 1;
        kept = own_borrow(&a);
    }
    CHECK_REPORT("borrow-outlives-owner",
                 "error[borrow-outlives-owner]: block of 24 bytes: its owner's scope ends while a "
                 "borrow lives",
                 AT(alloc_line), "last borrowed at");
    own_release(kept); /* the block was kept alive, so this is fine */
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    scope_drops();
    moved_out_and_released();
    outlives();
    return TEST_DONE();
}
