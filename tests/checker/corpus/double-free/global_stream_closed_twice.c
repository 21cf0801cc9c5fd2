// After a function of another file set `outfile`, it holds some stream of the program's: closing
// it twice is still an error.
#include <stdio.h>

FILE *outfile;
void setoutput(const char *name); /* outfile = fopen(name, "w"), in another file */

void emit_page(const char *name)
{
    setoutput(name);
    fputs("<html></html>\n", outfile);
    fclose(outfile);
    fclose(outfile); // expect: double-free
}
