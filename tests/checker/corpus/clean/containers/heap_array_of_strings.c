// A heap array owns heap strings; both levels are freed.
#include <stdlib.h>
#include <string.h>

char **split2(const char *a, const char *b)
{
    char **v = calloc(2, sizeof *v);
    if (!v) return NULL;
    v[0] = strdup(a);
    v[1] = strdup(b);
    return v;
}

void free_vec(char **v)
{
    if (!v) return;
    free(v[0]);
    free(v[1]);
    free(v);
}

int main(void)
{
    char **v = split2("x", "y");
    free_vec(v);
    return 0;
}
