/* A helper that reads the top of a stack, then frees its storage: `top` and `start` point into
 * one block. The caller passes the stack on after the call without anything freed twice. */
#include <stdlib.h>

struct stack {
    char **start, **top;
};

struct parser {
    struct stack aliases;
    int error;
};

static void delete_aliases(struct parser *p)
{
    while (p->aliases.start != p->aliases.top)
        free(*--p->aliases.top);
    free(p->aliases.start);
    p->aliases.start = p->aliases.top = NULL;
}

int load(struct parser *p, int (*step)(struct parser *))
{
    p->aliases.start = malloc(16 * sizeof *p->aliases.start);
    if (!p->aliases.start) return 0;
    p->aliases.top = p->aliases.start;
    int ok = step(p);
    delete_aliases(p);
    return ok && !p->error;
}
