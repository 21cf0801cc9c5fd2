// An early return on a validation error forgets to free the buffer.
#include <stdlib.h>
#include <string.h>

int copy_name(const char *name, char **out)
{
    char *buf = malloc(64);
    if (!buf) return -1;
    if (strlen(name) >= 64) return -1; // expect: leak
    strcpy(buf, name);
    *out = buf;
    return 0;
}
