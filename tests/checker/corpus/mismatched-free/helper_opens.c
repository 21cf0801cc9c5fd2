// A helper of the same file opens a stream; the caller releases it with free().
#include <stdio.h>
#include <stdlib.h>

static FILE *open_log(void)
{
    return fopen("/tmp/own-corpus.log", "a");
}

void bad(void)
{
    FILE *log = open_log();
    if (!log) return;
    fputs("start\n", log);
    free(log); // expect: mismatched-free
}
