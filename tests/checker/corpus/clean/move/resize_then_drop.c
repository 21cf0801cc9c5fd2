// An owner resizes its block and then drops it.
#include "own_decls.h"

void grow(void)
{
    own_box a = own_new(8);
    own_resize(&a, 64);
    own_drop(&a);
}
