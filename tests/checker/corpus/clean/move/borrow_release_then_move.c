// A borrow is released before the owner moves the block.
#include "own_decls.h"

void lend_then_give(void)
{
    own_box a = own_new(16);
    own_ref r = own_borrow(&a);
    own_release(r);
    own_box b = own_move(&a);
    own_drop(&b);
}
