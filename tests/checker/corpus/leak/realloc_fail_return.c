// The realloc failure path returns without freeing the original block.
#include <stdlib.h>

int append(int v)
{
    int *arr = malloc(sizeof *arr);
    if (!arr) return -1;
    arr[0] = v;
    int *tmp = realloc(arr, 2 * sizeof *arr);
    if (!tmp) return -1; // expect: leak
    tmp[1] = v;
    free(tmp);
    return 0;
}
