// Only the middle branch of an if/else-if chain frees; the pointer is used after the chain.
#include <stdlib.h>

int step(int *counter, int mode)
{
    if (mode == 0)
        *counter = 0;
    else if (mode == 1)
        free(counter);
    else
        *counter += 1;
    return *counter; // expect: use-after-free
}
