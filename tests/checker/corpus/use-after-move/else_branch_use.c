// One branch moves the block out to the caller; the code after the if/else still drops it.
#include <string.h>
#include "own_decls.h"

void fill(int mode, own_box *out)
{
    own_box a = own_new(16);
    if (mode)
        *out = own_move(&a);
    else
        memset(a.p, 1, 16);
    own_drop(&a); // expect: use-after-move
}
