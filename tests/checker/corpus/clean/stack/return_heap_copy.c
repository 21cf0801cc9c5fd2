// A stack buffer is copied to the heap and the copy is returned.
#include <stdio.h>
#include <string.h>

char *format_id(int id)
{
    char buf[16];
    snprintf(buf, sizeof buf, "id-%d", id);
    return strdup(buf);
}
