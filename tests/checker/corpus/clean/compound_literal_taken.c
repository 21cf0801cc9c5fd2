// Struct literals handed to functions that keep or free the field: the block goes with them.
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *text;
    int count;
} record;

static char *kept[16];
static int nkept;

static void keep(record r)
{
    if (nkept < 16) kept[nkept++] = r.text;
    else free(r.text);
}

static void release(record r)
{
    free(r.text);
}

static void store(record r)
{
    static record last;
    free(last.text);
    last = r;
}

void lend_all(void)
{
    char *a = strdup("a"), *b = strdup("b"), *c = strdup("c");
    if (a) keep((record){a, 1});
    if (b) release((record){.text = b});
    if (c) store((record){c, 3});
}
