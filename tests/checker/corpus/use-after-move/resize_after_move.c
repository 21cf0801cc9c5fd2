// A moved handle is asked to resize its block.
#include "own_decls.h"

void grow_after_move(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    own_resize(&a, 64); // expect: use-after-move
    own_drop(&b);
}
