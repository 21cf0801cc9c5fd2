// Case 0 moves the handle and falls through into case 1, which moves it again.
#include "own_decls.h"

void route(int kind)
{
    own_box a = own_new(8);
    own_box x;
    switch (kind) {
    case 0:
        x = own_move(&a);
        own_drop(&x);
        /* fall through */
    case 1:
        x = own_move(&a); // expect: use-after-move
        own_drop(&x);
        break;
    default:
        own_drop(&a);
        break;
    }
}
