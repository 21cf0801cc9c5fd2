// A tmpfile stream is closed with fclose().
#include <stdio.h>

int scratch(void)
{
    FILE *t = tmpfile();
    if (!t) return -1;
    fputs("x", t);
    rewind(t);
    int c = fgetc(t);
    fclose(t);
    return c;
}
