// A local array is returned to the caller.
#include <stdio.h>

char *format_id(int id)
{
    char buf[16];
    snprintf(buf, sizeof buf, "id-%d", id);
    char *out = buf;
    return out; // expect: dangling-stack
}
