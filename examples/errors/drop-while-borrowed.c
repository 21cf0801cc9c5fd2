/* drop-while-borrowed: the cashier is reading the bill when the manager throws the order away. */
#include <own/own.h>

int main(void)
{
    own_box ticket = own_new(40);
    own_ref bill = own_borrow(&ticket);
    own_drop(&ticket); /* error: the bill is still being read */
    own_release(bill);
    own_drop(&ticket);
    return 0;
}
