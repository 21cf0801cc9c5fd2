// An owned block from own_new is never dropped.
#include "own_decls.h"

void make_box(void)
{
    own_box b = own_new(64);
    own_ref r = own_borrow(&b);
    own_release(r);
} // expect: leak
