// Each loop iteration allocates a copy that dies with the loop body's scope.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void echo_upper(const char **words, int n)
{
    for (int i = 0; i < n; i++) {
        char *copy = strdup(words[i]);
        if (!copy) continue;
        copy[0] = (char)(copy[0] & ~0x20);
        puts(copy);
    } // expect: leak
}
