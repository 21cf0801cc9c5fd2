/* borrow-outlives-owner: a reading of the order outlives the scope of the order itself. */
#include <own/own.h>

int main(void)
{
    own_ref reading;
    {
        OWN_SCOPED own_box ticket = own_new(24);
        reading = own_borrow(&ticket);
    } /* error: the owner's scope ends here, the borrow lives on */
    own_release(reading);
    return 0;
}
