// A vector struct grows in a push function; the destructor frees the storage (runnable).
#include <stdlib.h>

struct vec {
    int *data;
    size_t len, cap;
};

static int vec_push(struct vec *v, int x)
{
    if (v->len == v->cap) {
        size_t ncap = v->cap ? v->cap * 2 : 4;
        int *tmp = realloc(v->data, ncap * sizeof *tmp);
        if (!tmp) return -1;
        v->data = tmp;
        v->cap = ncap;
    }
    v->data[v->len++] = x;
    return 0;
}

int main(void)
{
    struct vec v = {NULL, 0, 0};
    for (int i = 0; i < 100; i++)
        if (vec_push(&v, i) < 0) break;
    free(v.data);
    return 0;
}
