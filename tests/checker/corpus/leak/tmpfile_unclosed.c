// A tmpfile stream is never closed.
#include <stdio.h>

void scratch(void)
{
    FILE *t = tmpfile();
    if (!t) return;
    fputs("scratch", t);
} // expect: leak
