// The default case of a switch exits; the others free.
#include <stdio.h>
#include <stdlib.h>

int op(int code)
{
    char *b = malloc(8);
    if (!b) return -1;
    switch (code) {
    case 0:
        free(b);
        return 0;
    case 1:
        free(b);
        return 1;
    default:
        fprintf(stderr, "bad code\n");
        exit(2);
    }
}
