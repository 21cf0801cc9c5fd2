// The second struct of a calloc'd array is freed.
#include <stdlib.h>

struct item {
    int key;
    int value;
};

void bad(void)
{
    struct item *items = calloc(4, sizeof *items);
    if (!items) return;
    items[1].key = 7;
    free(&items[1]); // expect: free-interior
}
