// Two slots swap their pointers; each block is freed once through its new slot.
#include <stdlib.h>

int run(void)
{
    char *slot[2];
    slot[0] = malloc(4);
    slot[1] = malloc(8);
    char *t = slot[0];
    slot[0] = slot[1];
    slot[1] = t;
    free(slot[0]);
    free(slot[1]);
    return 0;
}
