// As clean/flags/option_field_tested_twice.c, but the option may change between the two tests:
// stored to (through it or through a pointer that may be it), cleared by memset, or given to a
// function that may write it. The buffer made on the first test is lost when the second one comes
// out the other way.
#include <stdlib.h>
#include <string.h>

struct options {
    int keep;
    int verbose;
};

void update(struct options *o);
int parse(const char *arg, int *out);

void stored(struct options *o, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    o->keep = 0;
    if (o->keep) free(p);
} // expect: leak

void cleared(struct options *o, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    memset(o, 0, sizeof *o);
    if (o->keep) free(p);
} // expect: leak

void written_by_callee(struct options *o, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    update(o);
    if (o->keep) free(p);
} // expect: leak

void field_address_passed(struct options *o, const char *arg, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    parse(arg, &o->keep);
    if (o->keep) free(p);
} // expect: leak

/* q may be o: the store may be to the field the first test read */
void stored_through_another(struct options *o, struct options *q, size_t n)
{
    char *p = NULL;
    if (o->keep) p = malloc(n);
    q->keep = 0;
    if (o->keep) free(p);
} // expect: leak

void element_overwritten(int *flags, int i, size_t n)
{
    char *p = NULL;
    if (flags[1]) p = malloc(n);
    flags[i] = 0;
    if (flags[1]) free(p);
} // expect: leak
