// asprintf's result is freed with free().
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *s;
    if (asprintf(&s, "%d-%d", 1, 2) < 0) return 1;
    puts(s);
    free(s);
    return 0;
}
