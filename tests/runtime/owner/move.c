/* move.c: own_new, own_move, own_drop, own_get, and what a handle that was moved from reports. */
#include "capture.h"

static void new_move_drop(void)
{
    own_box a = own_new(64);
    CHECK(a.ptr != NULL);
    CHECK_EQ_INT(own_size(&a), 64);
    unsigned char *p = own_get(&a);
    CHECK(p == a.ptr);
    for (int i = 0; i < 64; i++)
        CHECK_EQ_INT(p[i], 0); /* own_new zeroes */
    p[0] = 42;
    own_box b = own_move(&a);
    CHECK(b.ptr == a.ptr);
    CHECK(b.tag != a.tag);
    CHECK_EQ_INT(((unsigned char *)own_get(&b))[0], 42);
    CHECK_NO_REPORT();
    own_drop(&b);
    CHECK_NO_REPORT();
}

static void use_after_move(void)
{
    own_box a = own_new(64);
    int alloc_line = __LINE__ - 1;
    own_box copy = a; /* C copies handles freely: the copy goes stale with the original */
    own_box b = own_move(&a);
    int move_line = __LINE__ - 1;
    CHECK(own_get(&a) == NULL);
    int use_line = __LINE__ - 1;
    CHECK_REPORT("use-after-move",
                 "error[use-after-move]: block of 64 bytes used after it was moved", AT(use_line),
                 AT(move_line), AT(alloc_line), "  --> ", "   = note: moved at ", "(thread 1)");
    CHECK(own_get(&copy) == NULL);
    int copy_line = __LINE__ - 1;
    CHECK_REPORT("use-after-move", AT(copy_line), AT(move_line));
    /* moving, borrowing or dropping through it are the same error */
    own_box c = own_move(&copy);
    CHECK(c.ptr == NULL);
    CHECK_REPORT("use-after-move", "moved after it was moved", AT(move_line));
    own_ref r = own_borrow(&a);
    int borrow_line = __LINE__ - 1;
    CHECK(r.ptr == NULL);
    CHECK_REPORT("use-after-move", "borrowed after it was moved", AT(borrow_line));
    own_drop(&a);
    CHECK_REPORT("use-after-move", "dropped after it was moved");
    /* a chain of moves: the oldest handle names the latest move */
    own_box d = own_move(&b);
    own_box e = own_move(&d);
    int last_move = __LINE__ - 1;
    CHECK(own_get(&b) == NULL);
    CHECK_REPORT("use-after-move", AT(last_move));
    own_drop(&e);
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    new_move_drop();
    use_after_move();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
