// A freed array is summed in a loop after it was released.
#include <stdlib.h>

int main(void)
{
    int *a = malloc(8 * sizeof *a);
    if (!a) return 1;
    for (int i = 0; i < 8; i++)
        a[i] = i;
    free(a);
    int sum = 0;
    for (int i = 0; i < 8; i++)
        sum += a[i]; // expect: use-after-free
    return sum;
}
