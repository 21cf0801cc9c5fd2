// One branch moves the block to a new owner, the other drops it in place.
#include "own_decls.h"

void decide(int give)
{
    own_box a = own_new(16);
    if (give) {
        own_box b = own_move(&a);
        own_drop(&b);
    } else {
        own_drop(&a);
    }
}
