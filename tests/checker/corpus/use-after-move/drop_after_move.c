// The old handle is dropped after its block was moved to a new owner.
#include "own_decls.h"

void hand_over(void)
{
    own_box a = own_new(16);
    own_box b = own_move(&a);
    own_drop(&a); // expect: use-after-move
    own_drop(&b);
}
