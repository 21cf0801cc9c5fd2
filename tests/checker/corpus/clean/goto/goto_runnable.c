// A goto-cleanup function exercised on both its success and error paths (runnable).
#include <stdlib.h>
#include <string.h>

static int setup(int fail, char **out)
{
    int r = -1;
    char *a = malloc(8), *b = NULL;
    if (!a) goto out;
    b = malloc(8);
    if (!b || fail) goto out;
    strcpy(b, "ok");
    *out = b;
    b = NULL;
    r = 0;
out:
    free(a);
    free(b);
    return r;
}

int main(void)
{
    char *s = NULL;
    if (setup(1, &s) == 0) free(s);
    if (setup(0, &s) == 0) free(s);
    return 0;
}
