// A temporary allocated in an inner block is lost when the block closes.
#include <stdio.h>
#include <stdlib.h>

void report(int a, int b)
{
    int sum = a + b;
    {
        char *tmp = malloc(32);
        if (tmp) {
            snprintf(tmp, 32, "%d", sum);
            puts(tmp);
        }
    } // expect: leak
    printf("%d\n", a - b);
}
