// The move inside the loop body moves an already moved handle on the second iteration.
#include "own_decls.h"

void give_twice(void)
{
    own_box a = own_new(16);
    for (int i = 0; i < 2; i++) {
        own_box b = own_move(&a); // expect: use-after-move
        own_drop(&b);
    }
}
