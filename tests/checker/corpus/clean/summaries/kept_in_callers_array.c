/* tmux's format_add_modifier: the caller's argv goes into a new element of the caller's array,
 * through a local pointer to that element. The helper keeps it; the caller has nothing to free. */
#include <stdlib.h>
#include <string.h>

struct modifier {
    char *name;
    char **argv;
    int argc;
};

static void add_modifier(struct modifier **list, unsigned *count, const char *c, char **argv,
                         int argc)
{
    struct modifier *fm;
    struct modifier *grown = realloc(*list, (*count + 1) * sizeof **list);
    if (!grown) abort();
    *list = grown;
    fm = &(*list)[(*count)++];
    fm->name = strdup(c);
    fm->argv = argv;
    fm->argc = argc;
}

struct modifier *build_modifiers(const char *s, unsigned *count)
{
    struct modifier *list = NULL;
    char **argv = malloc(2 * sizeof *argv);
    if (!argv) return NULL;
    argv[0] = strdup(s);
    argv[1] = NULL;
    add_modifier(&list, count, s, argv, 1);
    return list;
}
