// An exclusive borrow is taken from a moved handle.
#include "own_decls.h"

void write_after_move(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    own_mut m = own_borrow_mut(&a); // expect: use-after-move
    own_release(m);
    own_drop(&b);
}
