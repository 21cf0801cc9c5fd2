// The list of clean/flags/size_is_the_flag_counted.c, but the early return is taken when one
// element was counted: the list exists then, and is lost.
#include <stdlib.h>
#include <string.h>

struct item {
    struct item *next;
    int idx;
};

extern void fatal(const char *why) __attribute__((noreturn));

static void *xreallocarray(void *p, size_t n, size_t size)
{
    void *q = reallocarray(p, n, size);
    if (q == NULL) fatal("out of memory");
    return q;
}

char *pick_second(struct item *items, unsigned height)
{
    char **list = NULL;
    unsigned size = 0;
    for (struct item *i = items; i != NULL; i = i->next) {
        list = xreallocarray(list, size + 1, sizeof *list);
        list[size++] = strdup("item");
        if (size == height) break;
    }
    if (size == 1) return NULL; // expect: leak
    char *second = size > 1 ? list[1] : NULL;
    for (unsigned k = 0; k < size; k++)
        if (k != 1) free(list[k]);
    free(list);
    return second;
}
