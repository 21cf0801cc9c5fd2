// A stack buffer for the small case, a heap block for the big one, freed at the end when it is
// not the stack buffer; but an early return skips that free: the heap case leaks there
// (jimtcl's Jim_ListIndices had this error). The stack case is no leak, so the finding names
// the heap path only.
#include <stdlib.h>

int lookup(int key);

int sum_indices(const int *keys, int count)
{
    int small[5];
    int *idx = count > 5 ? malloc(sizeof *idx * (size_t)count) : small;
    int sum = 0;
    if (!idx) return -1;
    for (int i = 0; i < count; i++) {
        idx[i] = lookup(keys[i]);
        if (idx[i] < 0) return -1; // expect: leak
        sum += idx[i];
    }
    if (idx != small) free(idx);
    return sum;
}
