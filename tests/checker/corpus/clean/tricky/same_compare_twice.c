// Two integers compared the same way twice, neither changed in between: the second test takes
// the branch the first took, so the block freed under the first is never used after it.
#include <stdlib.h>

int take_or_read(int i, int n)
{
    int *p = malloc(sizeof *p);
    if (!p) return 0;
    *p = 7;
    if (i == n) free(p);
    if (i == n) return 0;
    int r = *p;
    free(p);
    return r;
}
