// A shared borrow is taken from a handle whose block was moved away.
#include "own_decls.h"

void lend_after_move(void)
{
    own_box a = own_new(32);
    own_box b = own_move(&a);
    own_ref r = own_borrow(&a); // expect: use-after-move
    own_release(r);
    own_drop(&b);
}
