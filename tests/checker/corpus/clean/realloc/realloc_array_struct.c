// An array of structs grows in place inside its owner struct.
#include <stdlib.h>

struct point {
    int x, y;
};

struct path {
    struct point *pts;
    int n;
};

int path_add(struct path *p, int x, int y)
{
    struct point *tmp = realloc(p->pts, (size_t)(p->n + 1) * sizeof *tmp);
    if (!tmp) return -1;
    p->pts = tmp;
    p->pts[p->n].x = x;
    p->pts[p->n].y = y;
    p->n++;
    return 0;
}

void path_free(struct path *p)
{
    free(p->pts);
    p->pts = NULL;
    p->n = 0;
}
