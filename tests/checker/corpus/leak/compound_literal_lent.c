// A struct literal handed to a function that only reads its fields: the block stays with `snap`,
// which goes out of scope still owning it, whether the literal names its fields or not.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *text;
    int count;
} record;

static void show(record r)
{
    printf("%s %d\n", r.text, r.count);
}

void positional(void)
{
    char *snap = strdup("x");
    if (!snap) return;
    show((record){snap, 1});
} // expect: leak

void designated(void)
{
    char *snap = strdup("y");
    if (!snap) return;
    show((record){.count = 2, .text = snap});
} // expect: leak
