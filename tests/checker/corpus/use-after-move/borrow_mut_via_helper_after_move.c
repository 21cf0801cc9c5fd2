// A helper writes through an exclusive borrow of a handle that was already moved.
#include "own_decls.h"

static void poke(own_box *h)
{
    own_mut m = own_borrow_mut(h);
    ((char *)m.p)[0] = 1;
    own_release(m);
}

void run(void)
{
    own_box a = own_new(4);
    own_box b = own_move(&a);
    poke(&b);
    poke(&a); // expect: use-after-move
    own_drop(&b);
}
