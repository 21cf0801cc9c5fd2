// A loop jumps to the cleanup label from inside; the label frees the one live block.
#include <stdlib.h>

int first_negative(const int *v, int n)
{
    int r = -1;
    int *seen = calloc(n > 0 ? n : 1, sizeof *seen);
    if (!seen) return -1;
    for (int i = 0; i < n; i++) {
        seen[i] = 1;
        if (v[i] < 0) {
            r = i;
            goto out;
        }
    }
out:
    free(seen);
    return r;
}
