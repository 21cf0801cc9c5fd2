// A nested condition returns without freeing.
#include <stdlib.h>

int check(int a, int b)
{
    long *buf = malloc(8 * sizeof *buf);
    if (!buf) return -1;
    if (a > 0) {
        if (b > 0) return a + b; // expect: leak
        buf[0] = a;
    }
    free(buf);
    return 0;
}
