// The handle is moved on one branch only; after the join it is dropped on every path.
#include "own_decls.h"

void maybe_give(int give)
{
    own_box a = own_new(16);
    if (give) {
        own_box b = own_move(&a);
        own_drop(&b);
    }
    own_drop(&a); // expect: use-after-move
}
