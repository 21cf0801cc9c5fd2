// A scratch buffer is never freed; it is lost when the function's scope closes.
#include <stdio.h>
#include <stdlib.h>

void print_square(int n)
{
    int *sq = malloc(sizeof *sq);
    if (!sq) return;
    *sq = n * n;
    printf("%d\n", *sq);
} // expect: leak
