// The error code decides whether the result is handed out or freed.
#include <stdlib.h>
#include <string.h>

int build(const char *s, char **out)
{
    int err = 0;
    char *r = strdup(s);
    if (!r) return -1;
    if (strlen(r) > 10) err = -1;
    if (err) {
        free(r);
        return err;
    }
    *out = r;
    return 0;
}
