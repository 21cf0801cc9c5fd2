// As clean/tricky/same_compare_twice.c, but i moves between the two tests: the second can come
// out the other way: the freed block is read and freed again, or the live one is left behind.
#include <stdlib.h>

int take_or_read(int i, int n)
{
    int *p = malloc(sizeof *p);
    if (!p) return 0;
    *p = 7;
    if (i == n) free(p);
    i = i * 3;
    if (i == n) return 0; // expect: leak
    int r = *p;           // expect: use-after-free
    free(p);              // expect: double-free
    return r;
}
