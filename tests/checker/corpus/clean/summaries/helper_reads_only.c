// A helper only reads the buffer; the caller still owns and frees it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t count_vowels(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += strchr("aeiou", *s) != NULL;
    return n;
}

int main(void)
{
    char *s = strdup("ownership");
    if (!s) return 1;
    printf("%zu\n", count_vowels(s));
    free(s);
    return 0;
}
