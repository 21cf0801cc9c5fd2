// A stream is opened and never closed.
#include <stdio.h>

int first_byte(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    int c = fgetc(f);
    return c; // expect: leak
}
