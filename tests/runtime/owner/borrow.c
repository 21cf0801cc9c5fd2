/* borrow.c: shared and exclusive borrows on one thread — any number of readers, one writer, the
 * conflicts between them, release, and what the owner may not do while a borrow lives. */
#include "capture.h"

static void shared_and_exclusive(void)
{
    own_box a = own_new(sizeof(int));
    *(int *)own_get(&a) = 7;
    own_ref r1 = own_borrow(&a);
    own_ref r2 = own_borrow(&a);
    CHECK(r1.ptr == a.ptr && r2.ptr == a.ptr);
    CHECK_EQ_INT(*(const int *)r1.ptr, 7);
    own_release(r1);
    CHECK(r1.ptr == NULL);
    own_release(r2);
    own_mut w = own_borrow_mut(&a);
    CHECK(w.ptr == a.ptr);
    *(int *)w.ptr = 8;
    own_release(w);
    own_ref r3 = own_borrow(&a);
    CHECK_EQ_INT(*(const int *)r3.ptr, 8);
    own_release(r3);
    CHECK_NO_REPORT();
    own_drop(&a);
    CHECK_NO_REPORT();
}

static void conflicts(void)
{
    own_box a = own_new(40);
    int alloc_line = __LINE__ - 1;
    own_mut w = own_borrow_mut(&a);
    int w_line = __LINE__ - 1;
    own_ref r = own_borrow(&a);
    int r_line = __LINE__ - 1;
    CHECK(r.ptr == NULL);
    CHECK_REPORT(
        "borrow-conflict",
        "error[borrow-conflict]: block of 40 bytes borrowed (shared) while borrowed exclusively",
        AT(r_line), AT(w_line), AT(alloc_line), "exclusive borrow taken at ");
    own_mut w2 = own_borrow_mut(&a);
    int w2_line = __LINE__ - 1;
    CHECK(w2.ptr == NULL);
    CHECK_REPORT("borrow-conflict", "borrowed exclusively while borrowed exclusively", AT(w2_line),
                 AT(w_line));
    own_release(w);
    own_ref s = own_borrow(&a);
    int s_line = __LINE__ - 1;
    own_mut w3 = own_borrow_mut(&a);
    int w3_line = __LINE__ - 1;
    CHECK(w3.ptr == NULL);
    CHECK_REPORT("borrow-conflict", "borrowed exclusively while borrowed (shared)", AT(w3_line),
                 AT(s_line), "shared borrow taken at ");
    /* a timed borrow gives up after its timeout with the same report */
    own_mut w4 = own_borrow_mut_timed(&a, 1000000);
    int w4_line = __LINE__ - 1;
    CHECK(w4.ptr == NULL);
    CHECK_REPORT("borrow-conflict", "exclusive borrow timed out", AT(w4_line), AT(s_line));
    own_release(s);
    own_mut w5 = own_borrow_mut_timed(&a, 1000000);
    CHECK(w5.ptr != NULL);
    own_release(w5);
    CHECK_NO_REPORT();
    own_drop(&a);
}

static void owner_while_borrowed(void)
{
    own_box a = own_new(8);
    int alloc_line = __LINE__ - 1;
    own_ref r = own_borrow(&a);
    int r_line = __LINE__ - 1;
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    CHECK_REPORT("drop-while-borrowed",
                 "error[drop-while-borrowed]: block of 8 bytes dropped while borrowed",
                 AT(drop_line), AT(r_line), AT(alloc_line), "last borrowed at ");
    own_box b = own_move(&a);
    int move_line = __LINE__ - 1;
    CHECK(b.ptr == NULL);
    CHECK_REPORT("drop-while-borrowed", "moved while borrowed", AT(move_line), AT(r_line));
    CHECK(!own_resize(&a, 16));
    int resize_line = __LINE__ - 1;
    CHECK_REPORT("drop-while-borrowed", "resized while borrowed", AT(resize_line));
    own_release(r);
    own_mut w = own_borrow_mut(&a);
    own_drop(&a);
    CHECK_REPORT("drop-while-borrowed", "dropped while borrowed");
    own_release(w);
    /* the block was kept: it is still usable and droppable */
    own_drop(&a);
    CHECK_NO_REPORT();
}

static void bad_releases(void)
{
    own_box a = own_new(8);
    own_ref r = own_borrow(&a);
    own_ref copy = r;
    own_release(r);
    own_release(r);
    int again_line = __LINE__ - 1;
    CHECK_REPORT("invalid-handle", "released twice, or never taken", AT(again_line));
    own_release(copy);
    CHECK_REPORT("invalid-handle", "released twice (a copy of it was released)");
    own_ref none = {0};
    own_release(none);
    CHECK_REPORT("invalid-handle", "borrow released twice, or never taken");
    own_drop(&a);
    CHECK_NO_REPORT();
}

/* Borrow-outlives-owner: a borrow released after its owner was dropped (the program went on
 * after a drop-while-borrowed, as on_error=log allows). */
static void outlives(void)
{
    own_box a = own_new(8);
    own_ref r = own_borrow(&a);
    own_release(r);
    r = own_borrow(&a);
    own_ref kept = r;
    own_release(r);
    own_drop(&a);
    int drop_line = __LINE__ - 1;
    CHECK_NO_REPORT();
    own_release(kept);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("borrow-outlives-owner", "used after its owner ended", AT(use_line),
                 AT(drop_line));
}

static void stack_borrows(void)
{
    OWN_FRAME
    {
        own_box s = own_stack_alloc(16);
        own_ref r = own_borrow(&s);
        own_mut m = own_borrow_mut(&s);
        CHECK(r.ptr == s.ptr && m.ptr == s.ptr);
        own_release(r);
        own_release(m);
    }
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    shared_and_exclusive();
    conflicts();
    owner_while_borrowed();
    bad_releases();
    outlives();
    stack_borrows();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
