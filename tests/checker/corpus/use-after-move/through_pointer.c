// The move goes through a pointer to the handle; the handle itself is then dropped.
#include "own_decls.h"

void via_pointer(void)
{
    own_box a = own_new(8);
    own_box *pa = &a;
    own_box b = own_move(pa);
    own_drop(&a); // expect: use-after-move
    own_drop(&b);
}
