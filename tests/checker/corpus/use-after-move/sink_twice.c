// A helper of the same file takes ownership by moving from its argument; it is called twice.
#include "own_decls.h"

static void sink(own_box *h)
{
    own_box mine = own_move(h);
    own_drop(&mine);
}

void feed(void)
{
    own_box a = own_new(16);
    sink(&a);
    sink(&a); // expect: use-after-move
}
