// A duplicated string is measured after it was freed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    char *s = strdup("hello");
    if (!s) return 1;
    free(s);
    printf("%zu\n", strlen(s)); // expect: use-after-free
    return 0;
}
