// Each name of a list is stdin ("-") or a file opened for the turn, closed at its end unless it
// is stdin (pcre2grep's file lists). After `fl = stdin`, `fl != stdin` is false: both hold one
// value, whatever stdin is.
#include <stdio.h>
#include <string.h>

int count_all(char **names, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        FILE *fl;
        if (strcmp(names[i], "-") == 0)
            fl = stdin;
        else {
            fl = fopen(names[i], "rb");
            if (fl == NULL) return -1;
        }
        int c;
        while ((c = fgetc(fl)) != EOF)
            total += c == '\n';
        if (fl != stdin) fclose(fl);
    }
    return total;
}
