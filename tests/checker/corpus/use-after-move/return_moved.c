// A function moves the block into a local, drops it, and returns the old handle's pointer.
#include "own_decls.h"

void *leak_view(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    own_drop(&b);
    return a.p; // expect: use-after-move
}
