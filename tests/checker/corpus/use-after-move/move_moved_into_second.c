// A moved handle is moved once more into a third owner.
#include "own_decls.h"

static void sink(own_box *h)
{
    own_box mine = own_move(h);
    own_drop(&mine);
}

void chain(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    sink(&b);
    sink(&a); // expect: use-after-move
}
