// A do-while loop moves the handle every round, but it is only valid for the first.
#include "own_decls.h"

void drain(int n)
{
    own_box a = own_new(8);
    do {
        own_box b = own_move(&a); // expect: use-after-move
        own_drop(&b);
    } while (--n > 0);
}
