// A buffer is shrunk to its final length; on failure the original is kept.
#include <stdlib.h>
#include <string.h>

char *finish(char *buf, size_t len)
{
    char *tmp = realloc(buf, len + 1);
    if (tmp) buf = tmp;
    buf[len] = 0;
    return buf;
}

int main(void)
{
    char *b = malloc(64);
    if (!b) return 1;
    memcpy(b, "abc", 3);
    b = finish(b, 3);
    free(b);
    return 0;
}
