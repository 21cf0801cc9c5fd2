// A block moved into a struct field is dropped through the field.
#include "own_decls.h"

struct holder {
    own_box box;
};

void keep(void)
{
    struct holder h;
    own_box a = own_new(24);
    h.box = own_move(&a);
    own_drop(&h.box);
}
