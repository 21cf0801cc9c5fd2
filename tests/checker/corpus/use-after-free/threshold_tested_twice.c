// The same threshold tested twice, written two ways (`n > 8`, then `n >= 9`): on the path where
// the first test freed the block, the second one is true as well, and the block is used.
#include <stdlib.h>

int use(const char *p);

int both_big(int n)
{
    char *p = malloc(16);
    if (!p) return -1;
    if (n > 8) free(p);
    if (n >= 9) return use(p); // expect: use-after-free
    free(p);
    return 0;
}

// Counted on in between: a count over 8 that grows by one is still over 8, so the path that
// freed takes the use (and never reaches the second free).
int counted(int n)
{
    char *p = malloc(16);
    if (!p) return -1;
    if (n > 8) free(p);
    n++;
    if (n > 8) return use(p); // expect: use-after-free
    free(p);
    return 0;
}

// Counted down instead: the count may now be 8, the test no longer decides the path, and the
// path that freed may reach the second free as well.
int counted_down(int n)
{
    char *p = malloc(16);
    if (!p) return -1;
    if (n > 8) free(p);
    n--;
    if (n > 8) return use(p); // expect: use-after-free
    free(p);                  // expect: double-free
    return 0;
}
