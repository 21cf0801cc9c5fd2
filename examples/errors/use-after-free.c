/* use-after-free: the cashier drops the paid order, then reads it again. */
#include <own/own.h>

int main(void)
{
    own_box ticket = own_new(64);
    own_box copy = ticket; /* C copies handles freely; the copy goes stale with it */
    own_drop(&ticket);
    own_ref bill = own_borrow(&copy); /* error: the block was dropped */
    (void)bill;
    return 0;
}
