// A void function returns early on a condition and loses its allocation.
#include <stdio.h>
#include <stdlib.h>

void log_value(int v)
{
    char *line = malloc(32);
    if (!line) return;
    if (v == 0) return; // expect: leak
    snprintf(line, 32, "v=%d", v);
    puts(line);
    free(line);
}
