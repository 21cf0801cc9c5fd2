// A goto ladder over local pointers; the success path frees everything too.
#include <stdlib.h>
#include <string.h>

int concat_len(const char *x, const char *y)
{
    int r = -1;
    char *a = strdup(x);
    if (!a) goto out;
    char *b = strdup(y);
    if (!b) goto free_a;
    r = (int)(strlen(a) + strlen(b));
    free(b);
free_a:
    free(a);
out:
    return r;
}
