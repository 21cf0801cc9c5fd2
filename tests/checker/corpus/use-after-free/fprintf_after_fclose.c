// A stream is written after fclose() released it.
#include <stdio.h>

int main(void)
{
    FILE *f = fopen("/tmp/own-corpus-log.txt", "w");
    if (!f) return 1;
    fputs("first\n", f);
    fclose(f);
    fprintf(f, "second\n"); // expect: use-after-free
    return 0;
}
