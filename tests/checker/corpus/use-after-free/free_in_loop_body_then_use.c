// Inside a loop each element is freed, then the freed element's name is logged.
#include <stdio.h>
#include <stdlib.h>

struct item {
    char *name;
};

void drop_items(struct item **items, int n)
{
    for (int i = 0; i < n; i++) {
        free(items[i]);
        printf("dropped %s\n", items[i]->name); // expect: use-after-free
    }
}
