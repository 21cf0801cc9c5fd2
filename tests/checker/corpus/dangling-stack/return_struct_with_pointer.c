// A struct returned by value carries a pointer to a local buffer.
#include <stdio.h>

struct view {
    const char *data;
    int len;
};

struct view make_view(int v)
{
    char buf[12];
    int n = snprintf(buf, sizeof buf, "%d", v);
    struct view out = {buf, n};
    return out; // expect: dangling-stack
}
