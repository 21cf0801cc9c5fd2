// Each line read is duplicated, printed and forgotten.
#include <stdio.h>
#include <string.h>

void dup_lines(FILE *in)
{
    char line[128];
    while (fgets(line, sizeof line, in)) {
        char *copy = strdup(line);
        if (copy) fputs(copy, stdout);
    } // expect: leak
}
