// `i >= start` holds on every later trip as well: the second trip opens again over the first file.
#include <stdio.h>
#include <stdlib.h>

extern long start;

void tail(const char *name, long n)
{
    FILE *out = NULL;
    for (long i = 0; i < n; i++) {
        if (i >= start) {
            out = fopen(name, "w"); // expect: leak
            if (!out) exit(1);
        }
    }
    if (out != NULL) fclose(out);
}
