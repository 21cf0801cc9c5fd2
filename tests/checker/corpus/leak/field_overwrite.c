// A struct field holding an allocation is overwritten by a second allocation.
#include <stdlib.h>

struct cache {
    char *data;
};

void refill(struct cache *c)
{
    c->data = malloc(32);
    if (!c->data) return;
    c->data = malloc(64); // expect: leak
}
