// A function writes into the caller's buffer and returns it.
#include <stdio.h>

char *render(char *out, size_t n, int v)
{
    snprintf(out, n, "%d", v);
    return out;
}

int main(void)
{
    char buf[12];
    puts(render(buf, sizeof buf, 5));
    return 0;
}
