// A flag says whether an owner is live; other variables multiply the path states at the loop
// head past the disjunct limit, and the forced join must not lose the guard.
#include <stdlib.h>

void put(char *w);
int next(void);

void flagged(void)
{
    char *w = NULL;
    int open = 0, k = 0;
    while (1) {
        int b = next();
        if (b == 2) break;
        if (open) put(w);
        if (b == 1) {
            if (open) {
                free(w);
                open = 0;
            }
            k++;
        } else if (b == 0) {
            w = malloc(8);
            if (!w) exit(1);
            open = 1;
        }
    }
    if (open) free(w);
}
