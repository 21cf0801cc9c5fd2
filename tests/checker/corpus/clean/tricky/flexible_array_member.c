// A struct with a flexible array member is allocated and freed as one block.
#include <stdlib.h>
#include <string.h>

struct msg {
    size_t len;
    char text[];
};

int run(const char *s)
{
    size_t n = strlen(s) + 1;
    struct msg *m = malloc(sizeof *m + n);
    if (!m) return -1;
    m->len = n;
    memcpy(m->text, s, n);
    free(m);
    return 0;
}
