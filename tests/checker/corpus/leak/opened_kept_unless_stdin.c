// Comparing with stdin does not close anything: the file opened here leaks on the branch that
// leaves while it is not stdin, and a block handed to a global may be what the global holds.
#include <stdio.h>
#include <stdlib.h>

int first_char(const char *name)
{
    FILE *f = fopen(name, "r");
    if (f == NULL) return -1;
    if (f != stdin) return fgetc(stdin); // expect: leak
    int c = fgetc(f);
    fclose(f);
    return c;
}

static char *current;

void replace(size_t n)
{
    char *p = malloc(n);
    if (!p) return;
    current = p;
    if (p != current) free(p);
}
