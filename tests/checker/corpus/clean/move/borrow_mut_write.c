// An exclusive borrow writes into the block and is released before the drop.
#include "own_decls.h"

void write_byte(void)
{
    own_box a = own_new(4);
    own_mut m = own_borrow_mut(&a);
    ((char *)m.p)[0] = 'w';
    own_release(m);
    own_drop(&a);
}
