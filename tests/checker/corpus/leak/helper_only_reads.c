// A helper of the same file only reads the buffer, so the caller still has to free it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void show(const char *s)
{
    printf("[%s]\n", s);
}

int run(void)
{
    char *s = strdup("text");
    if (!s) return -1;
    show(s);
    return 0; // expect: leak
}
