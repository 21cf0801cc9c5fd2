// A directory stream is released with fclose() instead of closedir().
#include <dirent.h>
#include <stdio.h>

void bad(void)
{
    DIR *d = opendir(".");
    if (!d) return;
    fclose((FILE *)d); // expect: mismatched-free
}
