// A buffer is heap memory only when it is too big for the stack; a flag says whether to free it.
#include <stdlib.h>
#include <string.h>

size_t process(const char *s)
{
    char small[64];
    char *buf = small;
    int owned = 0;
    size_t n = strlen(s) + 1;
    if (n > sizeof small) {
        buf = malloc(n);
        if (!buf) return 0;
        owned = 1;
    }
    memcpy(buf, s, n);
    size_t len = strlen(buf);
    if (owned) free(buf);
    return len;
}
