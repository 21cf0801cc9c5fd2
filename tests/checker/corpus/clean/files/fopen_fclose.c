// A stream is opened, read and closed.
#include <stdio.h>

int first_line_len(const char *path)
{
    char line[128];
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    int n = fgets(line, sizeof line, f) ? (int)sizeof line : 0;
    fclose(f);
    return n;
}
