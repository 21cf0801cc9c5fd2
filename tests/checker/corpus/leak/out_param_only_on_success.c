// The result is handed out only on success; the failure path drops it on the floor.
#include <stdlib.h>
#include <string.h>

int parse(const char *s, char **out)
{
    char *copy = strdup(s);
    if (!copy) return -1;
    if (copy[0] != '{') return -1; // expect: leak
    *out = copy;
    return 0;
}
