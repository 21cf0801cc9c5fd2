// A freed key is compared with memcmp.
#include <stdlib.h>
#include <string.h>

int same_key(const char *other)
{
    char *key = strdup("key");
    if (!key) return 0;
    free(key);
    return memcmp(key, other, 3) == 0; // expect: use-after-free
}
