// A helper grows the caller's array in place (`*info = p`) and also returns it for convenience
// (file's cdf_grow_info): the caller's variable owns the block, the result is a view of it.
#include <stdlib.h>

struct prop {
    int id;
    long value;
};

static struct prop *grow(struct prop **info, size_t *max, size_t more)
{
    struct prop *p = realloc(*info, (*max + more) * sizeof *p);
    if (p == NULL) {
        free(*info);
        *info = NULL;
        *max = 0;
        return NULL;
    }
    *info = p;
    *max += more;
    return p;
}

int read_props(struct prop **info, size_t *max, size_t count)
{
    struct prop *inp = grow(info, max, count);
    if (inp == NULL) return -1;
    for (size_t i = 0; i < count; i++)
        inp[i].id = (int)i;
    return 0;
}

long total(size_t count)
{
    struct prop *info = NULL;
    size_t max = 0;
    if (read_props(&info, &max, count) != 0) return -1;
    long sum = 0;
    for (size_t i = 0; i < count; i++)
        sum += info[i].id;
    free(info);
    return sum;
}
