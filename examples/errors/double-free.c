/* double-free: the order is dropped by the cashier and again by the manager. */
#include <own/own.h>

int main(void)
{
    own_box ticket = own_new(48);
    own_box managers_copy = ticket;
    own_drop(&ticket);
    own_drop(&managers_copy); /* error: dropped twice */
    return 0;
}
