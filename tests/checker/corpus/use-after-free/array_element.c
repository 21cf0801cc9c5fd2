// An element of a freed int array is written.
#include <stdlib.h>

int main(void)
{
    int *arr = calloc(10, sizeof *arr);
    if (!arr) return 1;
    arr[0] = 1;
    free(arr);
    arr[3] = 7; // expect: use-after-free
    return 0;
}
