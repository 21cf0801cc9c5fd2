// A block is moved into a struct field, then borrowed through the old handle.
#include "own_decls.h"

struct holder {
    own_box box;
    int id;
};

void store(void)
{
    struct holder h;
    own_box a = own_new(24);
    h.box = own_move(&a);
    h.id = 1;
    own_ref r = own_borrow(&a); // expect: use-after-move
    own_release(r);
    own_drop(&h.box);
}
