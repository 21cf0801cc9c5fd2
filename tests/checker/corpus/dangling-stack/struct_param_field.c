// A stack buffer is stored into a field of a struct the caller passed in.
#include <string.h>

struct entry {
    char *name;
    int len;
};

void set_name(struct entry *e, const char *src)
{
    char tmp[32];
    strncpy(tmp, src, sizeof tmp - 1);
    tmp[31] = 0;
    e->name = tmp; // expect: dangling-stack
    e->len = (int)strlen(src);
}
