// A struct of callbacks receives the buffer for the call only; the caller frees afterwards.
#include <stdlib.h>
#include <string.h>

struct ops {
    size_t (*measure)(const char *);
};

static size_t measure(const char *s)
{
    return strlen(s);
}

size_t run(void)
{
    struct ops ops = {measure};
    char *s = strdup("abc");
    if (!s) return 0;
    size_t n = ops.measure(s);
    free(s);
    return n;
}
