/* use-after-move: the waiter hands the order to the chef, then writes on it again. */
#include <own/own.h>

typedef struct order {
    int table;
    int dishes;
} order;

int main(void)
{
    own_box ticket = OWN_NEW(order);
    own_box chef = own_move(&ticket); /* the chef owns it now */
    order *o = own_get(&ticket);      /* error: the waiter's handle was moved from */
    if (o) o->dishes = 3;
    own_drop(&chef);
    return 0;
}
