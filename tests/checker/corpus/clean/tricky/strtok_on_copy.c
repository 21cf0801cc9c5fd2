// strtok returns pointers into the copy; only the copy itself is freed.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int count_words(const char *s)
{
    char *copy = strdup(s);
    if (!copy) return -1;
    int n = 0;
    for (char *tok = strtok(copy, " "); tok; tok = strtok(NULL, " "))
        n++;
    free(copy);
    return n;
}
