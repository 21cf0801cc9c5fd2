// A helper frees its argument only when it fails; the caller frees it on success.
#include <stdlib.h>
#include <string.h>

static int validate(char *s)
{
    if (s[0] == 0) {
        free(s);
        return -1;
    }
    return 0;
}

int run(const char *input)
{
    char *s = strdup(input);
    if (!s) return -1;
    if (validate(s) < 0) return -1;
    free(s);
    return 0;
}
