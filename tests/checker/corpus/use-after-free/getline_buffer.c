// The line buffer from getline() is printed after it was freed.
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
    char *line = NULL;
    size_t cap = 0;
    if (getline(&line, &cap, stdin) < 0) {
        free(line);
        return 1;
    }
    free(line);
    printf("%s", line); // expect: use-after-free
    return 0;
}
