// The stream is a pipe on one path and a file on the other; fclose() is wrong for the pipe.
#include <stdio.h>

void bad(const char *path, int use_pipe)
{
    FILE *f = use_pipe ? popen("cat", "r") : fopen(path, "r");
    if (!f) return;
    fclose(f); // expect: mismatched-free
}
