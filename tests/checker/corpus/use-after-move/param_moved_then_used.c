// A function moves from a caller's handle and then borrows it again.
#include "own_decls.h"

void transfer(own_box *src, own_box *dst)
{
    *dst = own_move(src);
    own_ref r = own_borrow(src); // expect: use-after-move
    own_release(r);
}
