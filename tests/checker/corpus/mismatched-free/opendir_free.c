// A directory stream is released with free().
#include <dirent.h>
#include <stdlib.h>

void bad(void)
{
    DIR *d = opendir("/");
    if (!d) return;
    free(d); // expect: mismatched-free
}
