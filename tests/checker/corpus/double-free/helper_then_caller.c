// A helper of the same file frees its argument; the caller frees it again.
#include <stdlib.h>

struct msg {
    int len;
    char body[32];
};

static void msg_done(struct msg *m)
{
    free(m);
}

int main(void)
{
    struct msg *m = malloc(sizeof *m);
    if (!m) return 1;
    m->len = 0;
    msg_done(m);
    free(m); // expect: double-free
    return 0;
}
