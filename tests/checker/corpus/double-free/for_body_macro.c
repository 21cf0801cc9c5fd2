// A for statement whose body is a macro does not hide the rest of the function.
#include <stdlib.h>
#define CLEAR(p) ((p) = 0)

void f(int **v, int n)
{
    for (int i = 0; i < n; i++) CLEAR(v[i]);
    char *p = malloc(4);
    free(p);
    free(p); // expect: double-free
}
