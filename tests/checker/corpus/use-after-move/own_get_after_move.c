// The waiter reads the order through a handle it moved to the chef.
#include "own_decls.h"

struct order {
    int table;
    int dishes;
};

void waiter(void)
{
    own_box ticket = own_new(sizeof(struct order));
    own_box chef = own_move(&ticket);
    struct order *o = own_get(&ticket); // expect: use-after-move
    if (o) o->dishes = 3;
    own_drop(&chef);
}

void after_drop(void)
{
    own_box ticket = own_new(8);
    own_drop(&ticket);
    char *p = own_get(&ticket); // expect: use-after-free
    (void)p;
}
