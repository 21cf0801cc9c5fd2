// A helper of this file takes a struct by value and stores it whole (into a growing array, a
// global): the blocks of its fields go with it, whether the caller passed a named struct or a
// compound literal.
#include <stdlib.h>

typedef struct {
    int *vars;
    int height;
} record;

struct records {
    record *v;
    int n, cap;
};

static record last;

static int records_add(struct records *rs, record r)
{
    if (rs->n == rs->cap) {
        int cap = rs->cap ? rs->cap * 2 : 8;
        record *v = realloc(rs->v, (size_t)cap * sizeof *v);
        if (!v) return -1;
        rs->v = v;
        rs->cap = cap;
    }
    rs->v[rs->n++] = r;
    return 0;
}

static void remember(record r)
{
    last = r;
}

static void remember_vars(record r)
{
    last.vars = r.vars;
}

void snapshot(struct records *rs, int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    records_add(rs, (record){.vars = snap, .height = n});
}

void snapshot_named(struct records *rs, int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    record r = {snap, n};
    records_add(rs, r);
}

void keep_literal(int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    remember((record){snap, n});
}

void keep_field_of_literal(int n)
{
    int *snap = malloc((size_t)n * sizeof *snap);
    remember_vars((record){snap, n});
}
