// The address of a local is passed to callees that finish before the frame ends.
#include <stdio.h>
#include <string.h>

static void fill(char *dst, size_t n)
{
    strncpy(dst, "local", n - 1);
    dst[n - 1] = 0;
}

void show(void)
{
    char buf[16];
    fill(buf, sizeof buf);
    puts(buf);
}
