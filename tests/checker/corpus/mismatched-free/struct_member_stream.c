// A stream stored in a struct is released with free().
#include <stdio.h>
#include <stdlib.h>

struct sink {
    FILE *out;
    int lines;
};

void bad(void)
{
    struct sink s = {fopen("/tmp/own-corpus.out", "w"), 0};
    if (!s.out) return;
    free(s.out); // expect: mismatched-free
}
