// The only pointer to a block is overwritten by a new allocation.
#include <stdlib.h>

void work(void)
{
    char *p = malloc(10);
    if (!p) return;
    p = malloc(20); // expect: leak
    free(p);
}
