// A struct remembers whether it owns its string; the destructor frees only owned strings.
#include <stdlib.h>
#include <string.h>

struct name {
    char *s;
    int owned;
};

static void name_init(struct name *n, const char *src, int copy)
{
    if (copy) {
        n->s = strdup(src);
        n->owned = n->s != NULL;
    } else {
        n->s = (char *)src;
        n->owned = 0;
    }
}

static void name_fini(struct name *n)
{
    if (n->owned) free(n->s);
}

int main(void)
{
    struct name a, b;
    name_init(&a, "copied", 1);
    name_init(&b, "borrowed", 0);
    name_fini(&a);
    name_fini(&b);
    return 0;
}
