/* write-through-shared: the cashier, who may only read the order, changes its table. Caught at run
 * time with OWN_OPTIONS=check_shared=1 (examples/run.sh sets it for this program). */
#include <stdint.h>

#include <own/own.h>

struct order {
    int table;
    char dish[28];
};

static void cashier(own_ref bill)
{
    struct order *o = (struct order *)(uintptr_t)bill.ptr; /* casts away const */
    o->table = 7; /* moves the order to another table */
}

int main(void)
{
    own_box order = OWN_NEW(struct order);
    own_ref bill = own_borrow(&order);
    cashier(bill);
    own_release(bill); /* error: the order changed under a shared borrow */
    own_drop(&order);
    return 0;
}
