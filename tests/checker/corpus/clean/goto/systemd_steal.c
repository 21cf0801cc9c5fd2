// The result is stolen from the cleanup variable before return, as systemd's TAKE_PTR does.
#include <stdlib.h>
#include <string.h>

int make_copy(const char *s, char **ret)
{
    char *c = strdup(s);
    if (!c) return -1;
    if (c[0] == '#') goto fail;
    *ret = c;
    c = NULL;
    return 0;
fail:
    free(c);
    return -1;
}
