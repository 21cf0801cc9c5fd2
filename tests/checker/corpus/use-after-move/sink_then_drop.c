// A helper moves the block away; the caller still drops its own handle.
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
    own_drop(&a); // expect: use-after-move
}
