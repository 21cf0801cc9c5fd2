// The same block is freed in both arms of an if/else: once per path.
#include <stdio.h>
#include <stdlib.h>

void done(char *p, int verbose)
{
    if (verbose) {
        printf("freeing %c\n", p[0]);
        free(p);
    } else {
        free(p);
    }
}
