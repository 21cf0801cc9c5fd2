// One branch returns early and forgets the allocation.
#include <stdlib.h>

int classify(int x)
{
    int *box = malloc(sizeof *box);
    if (!box) return -1;
    *box = x;
    if (x < 0) {
        return 0; // expect: leak
    }
    free(box);
    return 1;
}
