// systemd's _cleanup_free_ macro on several early returns.
#include <stdlib.h>
#include <string.h>

static void freep(void *p)
{
    free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

int check(const char *s)
{
    _cleanup_free_ char *copy = strdup(s);
    if (!copy) return -1;
    if (copy[0] == 0) return 0;
    if (strlen(copy) > 8) return 2;
    return 1;
}
