/* The project's allocation helpers, defined in alloc.c and zalloc.c and used by use.c and
 * clean.c: own check has to follow them from one file into another. */
#ifndef WRAPPERS_BUF_H
#define WRAPPERS_BUF_H
#include <stddef.h>

struct buf {
    char *data;
    size_t len;
};

void fatal(const char *msg); /* never returns, though it does not say so */
void *xalloc(size_t n);      /* malloc or fatal() */
void *zalloc(size_t n);      /* xalloc, zeroed: a wrapper of a wrapper in another file */
struct buf *buf_new(size_t n);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);  /* frees b->data and leaves NULL there */
char *buf_steal(struct buf *b); /* hands b->data to the caller */

#endif
