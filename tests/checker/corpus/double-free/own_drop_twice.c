// An owned block dropped twice, once through a stale copy of its handle: one double free each,
// not also a use after free at the same call.
#include "own_decls.h"

void twice(void)
{
    own_box t = own_new(8);
    own_drop(&t);
    own_drop(&t); // expect: double-free
}

void through_copy(void)
{
    own_box ticket = own_new(48);
    own_box managers_copy = ticket;
    own_drop(&ticket);
    own_drop(&managers_copy); // expect: double-free
}
