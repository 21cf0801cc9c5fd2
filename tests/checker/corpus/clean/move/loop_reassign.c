// Each round moves the block away and gives the handle a fresh block.
#include "own_decls.h"

void cycle(int n)
{
    own_box a = own_new(8);
    for (int i = 0; i < n; i++) {
        own_box b = own_move(&a);
        own_drop(&b);
        a = own_new(8);
    }
    own_drop(&a);
}
