// A struct holding an array (not a pointer) is returned by value.
#include <string.h>

struct name {
    char text[16];
};

struct name make_name(const char *s)
{
    struct name n;
    strncpy(n.text, s, sizeof n.text - 1);
    n.text[15] = 0;
    return n;
}
