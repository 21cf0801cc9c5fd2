// A block is moved out and back again; the original handle drops it.
#include "own_decls.h"

void round_trip(void)
{
    own_box a = own_new(8);
    own_box b = own_move(&a);
    a = own_move(&b);
    own_drop(&a);
}
