// A block is moved to the caller through an out-parameter.
#include "own_decls.h"

void produce(own_box *out)
{
    own_box a = own_new(16);
    *out = own_move(&a);
}
