// After a move only the new owner drops the block.
#include "own_decls.h"

void hand_over(void)
{
    own_box a = own_new(16);
    own_box b = own_move(&a);
    own_drop(&b);
}
