// A function defined in another file opens a new `outfile` (tree's setoutput): the global no
// longer holds the stream saved before the call, so closing it and putting the saved one back,
// turn after turn, closes each stream once.
#include <stdio.h>

FILE *outfile;
void setoutput(const char *name); /* outfile = fopen(name, "w"), in another file */

void emit_pages(const char **names, int n)
{
    for (int i = 0; i < n; i++) {
        FILE *outsave = outfile;
        setoutput(names[i]);
        fputs("<html></html>\n", outfile);
        fclose(outfile);
        outfile = outsave;
    }
}
