// A copy of a stream compares equal to it: closing the copy when they are equal closes the stream
// a second time.
#include <stdio.h>

void close_both(const char *name)
{
    FILE *f = fopen(name, "r");
    if (f == NULL) return;
    FILE *same = f;
    fclose(f);
    if (same == f) fclose(same); // expect: double-free
}
