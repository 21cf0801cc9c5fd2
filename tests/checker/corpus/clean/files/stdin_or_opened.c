// A stream that is either stdin or a file this function opened is closed only when it is not
// stdin: what fopen returns is never what the global `stdin` holds.
#include <stdio.h>
#include <string.h>

int count_lines(const char *name)
{
    FILE *f;
    if (strcmp(name, "-") == 0)
        f = stdin;
    else
        f = fopen(name, "r");
    if (f == NULL) return -1;
    int lines = 0, c;
    while ((c = fgetc(f)) != EOF)
        if (c == '\n') lines++;
    if (f != stdin) fclose(f);
    return lines;
}

static FILE *log_file;

void log_to(const char *name, const char *text)
{
    FILE *out = name ? fopen(name, "a") : log_file;
    if (!out) return;
    fputs(text, out);
    if (out == log_file) return;
    fclose(out);
}
