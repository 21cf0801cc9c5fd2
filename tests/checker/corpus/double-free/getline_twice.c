// The getline buffer is freed on the error path and again at the end.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    if (getline(&line, &cap, stdin) < 0) free(line);
    free(line); // expect: double-free
    return 0;
}
