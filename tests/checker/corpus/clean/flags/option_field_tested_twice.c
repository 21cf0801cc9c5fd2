// An option in a struct (or an array of flags) decides both whether a buffer is made and whether
// it is freed: the second test of the same field takes the branch the first one did. A call that
// only reads the options (a pointer to const) leaves the field as it was.
#include <stdlib.h>
#include <string.h>

struct options {
    int keep;
    int verbose;
};

void show(const struct options *o);

size_t copy_if_kept(const struct options *o, const char *s)
{
    char *copy = NULL;
    size_t n = strlen(s);
    if (o->keep) copy = malloc(n + 1);
    if (o->verbose) show(o);
    if (o->keep && copy) memcpy(copy, s, n + 1);
    if (o->keep) free(copy);
    return n;
}

size_t copy_if_flagged(const int *flags, const char *s)
{
    char *copy = NULL;
    size_t n = strlen(s);
    if (flags[1]) copy = malloc(n + 1);
    if (flags[1]) free(copy);
    return n;
}

struct job {
    struct options opt;
    char *name;
};

void run(struct job *j, size_t n)
{
    char *scratch = NULL;
    if (j->opt.keep == 2) scratch = malloc(n);
    show(&j->opt);
    if (j->opt.keep == 2) free(scratch);
}

/* A store through another caller's struct changes the field only if the two are one struct: a
 * different field, or the field of a struct of this function's own, leaves o->keep as it was. */
void other_field_through_another(struct options *o, struct options *q, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    q->verbose = 1;
    if (o->keep) free(p);
}

void same_field_of_a_local(const struct options *o, size_t n)
{
    struct options mine = *o;
    char *p = NULL;
    if (o->keep) p = malloc(n);
    mine.keep = 0;
    show(&mine);
    if (o->keep) free(p);
}
