// A pipe stream is closed with pclose().
#include <stdio.h>

int run_true(void)
{
    FILE *p = popen("true", "r");
    if (!p) return -1;
    return pclose(p);
}
