// A helper of the same file frees its parameter, so the caller must not (runnable).
#include <stdlib.h>
#include <string.h>

static void consume(char *s)
{
    free(s);
}

int main(void)
{
    char *s = strdup("owned");
    if (!s) return 1;
    consume(s);
    return 0;
}
