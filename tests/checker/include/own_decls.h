/* libown's owned-block API as the checker corpus sees it: the names of DESIGN.md, declared here so
 * that every corpus file is a self-contained translation unit that needs no libown headers. */
#ifndef OWN_DECLS_H
#define OWN_DECLS_H

#include <stddef.h>

typedef struct own_box {
    void *p;
    unsigned tag;
} own_box;
typedef struct own_ref {
    const void *p;
    unsigned tag;
} own_ref;
typedef struct own_mut {
    void *p;
    unsigned tag;
} own_mut;

own_box own_new(size_t size);
own_box own_move(own_box *h);
own_ref own_borrow(own_box *h);
void *own_get(const own_box *h); /* the block an owner holds */
own_mut own_borrow_mut(own_box *h);
/* Takes either an own_ref or an own_mut by value; left unprototyped so one name serves both. */
void own_release();
void own_resize(own_box *h, size_t size);
void own_drop(own_box *h);

#endif
