// An owner handle is overwritten by a new block while it still owns the old one.
#include "own_decls.h"

void rebox(void)
{
    own_box b = own_new(16);
    b = own_new(32); // expect: leak
    own_drop(&b);
}
