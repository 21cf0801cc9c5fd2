// The mark moves with the counter, so equality can hold again on a later trip.
#include <stdio.h>
#include <stdlib.h>

void chase(const char *name, long n, long mark)
{
    FILE *out = NULL;
    for (long i = 0; i < n; i++) {
        if (i == mark) {
            out = fopen(name, "w"); // expect: leak
            if (!out) exit(1);
        }
        mark++;
    }
    if (out != NULL) fclose(out);
}
