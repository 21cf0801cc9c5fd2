// A pointer found with strchr points into the owned string; only the string is freed.
#include <stdlib.h>
#include <string.h>

int key_len(const char *kv)
{
    char *s = strdup(kv);
    if (!s) return -1;
    char *eq = strchr(s, '=');
    int n = eq ? (int)(eq - s) : (int)strlen(s);
    if (eq) *eq = 0;
    free(s);
    return n;
}
