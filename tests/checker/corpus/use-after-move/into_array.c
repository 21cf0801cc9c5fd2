// A block is moved into an array slot and the original handle is resized.
#include "own_decls.h"

void stash(void)
{
    own_box slots[2];
    own_box a = own_new(8);
    slots[0] = own_move(&a);
    own_resize(&a, 16); // expect: use-after-move
    own_drop(&slots[0]);
}
