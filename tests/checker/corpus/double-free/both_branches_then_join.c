// Both branches free and the code after the join frees again.
#include <stdlib.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argv;
    char *p = malloc(16);
    if (!p) return 1;
    if (argc > 1) {
        puts("many");
        free(p);
    } else {
        free(p);
    }
    free(p); // expect: double-free
    return 0;
}
