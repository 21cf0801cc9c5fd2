// A moved handle becomes valid again when a new block is assigned to it.
#include "own_decls.h"

void reuse(void)
{
    own_box a = own_new(16);
    own_box b = own_move(&a);
    a = own_new(32);
    own_drop(&a);
    own_drop(&b);
}
