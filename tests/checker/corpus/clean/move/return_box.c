// A function returns a box by moving it out; the caller drops it.
#include "own_decls.h"

static own_box make(size_t n)
{
    own_box b = own_new(n);
    return own_move(&b);
}

void use(void)
{
    own_box x = make(32);
    own_drop(&x);
}
