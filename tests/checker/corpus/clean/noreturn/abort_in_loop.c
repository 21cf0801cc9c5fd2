// A loop aborts on a corrupt entry; otherwise every block is freed.
#include <stdlib.h>

void check_all(int **items, int n)
{
    for (int i = 0; i < n; i++) {
        int *copy = malloc(sizeof *copy);
        if (!copy) abort();
        *copy = *items[i];
        if (*copy < 0) abort();
        free(copy);
    }
}
