// The data pointer of a moved handle is used to clear the block.
#include <string.h>
#include "own_decls.h"

void clear_after_move(void)
{
    own_box a = own_new(16);
    own_box b = own_move(&a);
    memset(a.p, 0, 16); // expect: use-after-move
    own_drop(&b);
}
