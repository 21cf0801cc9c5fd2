// A strdup'd string is released with fclose().
#include <stdio.h>
#include <string.h>

void bad(const char *s)
{
    char *copy = strdup(s);
    if (!copy) return;
    fclose((FILE *)copy); // expect: mismatched-free
}
