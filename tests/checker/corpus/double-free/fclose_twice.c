// A stream is closed twice.
#include <stdio.h>

int main(void)
{
    FILE *f = fopen("/tmp/own-corpus-df.txt", "w");
    if (!f) return 1;
    fputs("x\n", f);
    fclose(f);
    fclose(f); // expect: double-free
    return 0;
}
