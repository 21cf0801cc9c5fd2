// An owned block from own_new() is freed with free() instead of own_drop().
#include <stdlib.h>
#include "own_decls.h"

void bad(void)
{
    own_box b = own_new(32);
    free(b.p); // expect: mismatched-free
}
