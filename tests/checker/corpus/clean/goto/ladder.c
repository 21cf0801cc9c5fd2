// A goto ladder unwinds acquisitions in reverse order.
#include <stdlib.h>

struct ctx {
    char *a, *b, *c;
};

int ctx_init(struct ctx *x)
{
    x->a = malloc(8);
    if (!x->a) goto err;
    x->b = malloc(8);
    if (!x->b) goto err_a;
    x->c = malloc(8);
    if (!x->c) goto err_b;
    return 0;
err_b:
    free(x->b);
err_a:
    free(x->a);
err:
    return -1;
}
