// A helper stores the pointer into a struct that takes ownership; the struct's owner frees it.
#include <stdlib.h>
#include <string.h>

struct holder {
    char *text;
};

static void holder_set(struct holder *h, char *text)
{
    free(h->text);
    h->text = text;
}

int main(void)
{
    struct holder h = {NULL};
    char *t = strdup("value");
    if (!t) return 1;
    holder_set(&h, t);
    free(h.text);
    return 0;
}
