// A duplicated string is replaced by a literal, losing the copy.
#include <stdio.h>
#include <string.h>

void choose(const char *input)
{
    char *name = strdup(input);
    if (!name) return;
    puts(name);
    name = "default"; // expect: leak
    puts(name);
}
