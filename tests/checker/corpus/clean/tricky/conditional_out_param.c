// An out-parameter is set to NULL or a new block; the caller frees whatever it got.
#include <stdlib.h>

static int maybe_alloc(int want, char **out)
{
    *out = NULL;
    if (!want) return 0;
    *out = malloc(8);
    return *out ? 1 : -1;
}

int main(void)
{
    char *p;
    maybe_alloc(1, &p);
    free(p);
    maybe_alloc(0, &p);
    free(p);
    return 0;
}
