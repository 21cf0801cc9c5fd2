// The same loop with a taker defined in another file: it may fill the handle in, so a moved
// handle passed to it by address is not used after its move.
#include <stdbool.h>
#include "own_decls.h"

bool next_order(void *source, own_box *out);
void serve(own_box *h);

void relay(void *source)
{
    own_box ticket;
    while (next_order(source, &ticket)) {
        own_ref r = own_borrow(&ticket);
        own_release(r);
        serve(&ticket);
        own_box gone = own_move(&ticket);
        own_drop(&gone);
    }
}
