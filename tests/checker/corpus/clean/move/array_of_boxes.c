// Boxes are moved into an array and dropped from it.
#include "own_decls.h"

void fill(void)
{
    own_box slots[4];
    for (int i = 0; i < 4; i++) {
        own_box b = own_new(8);
        slots[i] = own_move(&b);
    }
    for (int i = 0; i < 4; i++)
        own_drop(&slots[i]);
}
