// The destructor of the same file runs twice on one object.
#include <stdlib.h>

struct vec {
    int *data;
    int len;
};

static void vec_destroy(struct vec *v)
{
    free(v->data);
    free(v);
}

int main(void)
{
    struct vec *v = malloc(sizeof *v);
    if (!v) return 1;
    v->data = NULL;
    v->len = 0;
    vec_destroy(v);
    vec_destroy(v); // expect: double-free
    return 0;
}
