// A struct returned by value carries the owned pointer to the caller, who frees it.
#include <stdlib.h>

struct span {
    char *data;
    size_t len;
};

static struct span span_new(size_t n)
{
    struct span s = {malloc(n), n};
    return s;
}

int main(void)
{
    struct span s = span_new(12);
    if (!s.data) return 1;
    s.data[0] = 'a';
    free(s.data);
    return 0;
}
