// A loop returns from inside its body before freeing the block of that iteration.
#include <stdlib.h>

int find(const int *keys, int n, int want)
{
    for (int i = 0; i < n; i++) {
        int *slot = calloc(1, sizeof *slot);
        if (!slot) return -1;
        *slot = keys[i];
        if (*slot == want) return i; // expect: leak
        free(slot);
    }
    return -1;
}
