// An owner held in a field of a local struct moves into a container by `*(top++) = value`;
// the field may then be reset without leaking.
#include <stdlib.h>

struct tag {
    char *handle;
    char *prefix;
};
struct tags {
    struct tag *start, *top, *end;
};

int push_tag(struct tags *s, const char *h)
{
    struct tag value;
    if (s->top == s->end) return 0;
    value.handle = malloc(8);
    if (!value.handle) return 0;
    value.prefix = malloc(8);
    if (!value.prefix) {
        free(value.handle);
        return 0;
    }
    (void)h;
    *(s->top++) = value;
    value.handle = NULL;
    value.prefix = NULL;
    return 1;
}
