// A string builder appends words with realloc and hands the result to the caller.
#include <stdlib.h>
#include <string.h>

char *join(const char **words, int n)
{
    char *out = malloc(1);
    if (!out) return NULL;
    out[0] = 0;
    size_t len = 0;
    for (int i = 0; i < n; i++) {
        size_t w = strlen(words[i]);
        char *tmp = realloc(out, len + w + 1);
        if (!tmp) {
            free(out);
            return NULL;
        }
        out = tmp;
        memcpy(out + len, words[i], w + 1);
        len += w;
    }
    return out;
}
