// Allocated and freed under the same unchanged condition.
#include <stdlib.h>

int work(int verbose)
{
    char *log = NULL;
    if (verbose) {
        log = malloc(128);
        if (!log) return -1;
        log[0] = 0;
    }
    int r = verbose ? 1 : 0;
    if (verbose) free(log);
    return r;
}
