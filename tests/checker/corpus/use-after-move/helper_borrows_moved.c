// A moved handle is passed to a helper that borrows it.
#include <stddef.h>
#include "own_decls.h"

static size_t peek(own_box *h)
{
    own_ref r = own_borrow(h);
    size_t v = r.p != NULL;
    own_release(r);
    return v;
}

size_t check(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    size_t v = peek(&a); // expect: use-after-move
    own_drop(&b);
    return v;
}
