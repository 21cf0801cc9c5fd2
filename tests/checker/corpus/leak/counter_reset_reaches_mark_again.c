// The counter is set back, so it reaches the mark a second time while the file is still open.
#include <stdio.h>
#include <stdlib.h>

extern long start;

void rewind_window(const char *name, long n)
{
    FILE *out = NULL;
    for (long i = 0; i < n; i++) {
        if (i == start) {
            out = fopen(name, "w"); // expect: leak
            if (!out) exit(1);
            i = 0;
        }
    }
    if (out != NULL) fclose(out);
}
