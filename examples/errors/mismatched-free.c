/* mismatched-free: an owner handed to own_release, which ends borrows, not owners. */
#include <own/own.h>

int main(void)
{
    own_box ticket = own_new(16);
    own_release(ticket); /* error: owners end with own_drop */
    own_drop(&ticket);
    return 0;
}
