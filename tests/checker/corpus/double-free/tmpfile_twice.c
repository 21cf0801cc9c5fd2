// A temporary file stream is closed twice.
#include <stdio.h>

int main(void)
{
    FILE *t = tmpfile();
    if (!t) return 1;
    fputc('a', t);
    fclose(t);
    fclose(t); // expect: double-free
    return 0;
}
