// A helper that moves from its argument takes over the block; the caller does nothing more.
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
}
