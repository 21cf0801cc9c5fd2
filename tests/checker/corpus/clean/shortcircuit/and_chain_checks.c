// A chain of && checks on a fresh struct; freed after the checks.
#include <stdlib.h>

struct msg {
    int type;
    int len;
};

int valid(int type, int len)
{
    struct msg *m = malloc(sizeof *m);
    if (!m) return 0;
    m->type = type;
    m->len = len;
    int ok = m->type > 0 && m->len >= 0 && m->len < 100;
    free(m);
    return ok;
}
