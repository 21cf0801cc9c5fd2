/* arena.c: the memory of the path states of the function being analysed. A big function holds
 * thousands of states of several KiB each; taken from malloc and given back function by function,
 * they made glibc grow and trim its heap again for every function, and the process fault the
 * same pages in each time (a fifth of the time of bzip2's decompress.c). The arena keeps its
 * chunks from one function to the next, and load.c keeps it from one file to the next of a
 * worker thread, which gives it back when it ends. */
#include <stdlib.h>

#include "engine.h"

#define CHUNK_BYTES ((size_t)1 << 20)

struct chk_chunk {
    struct chk_chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char mem[];
};

void *chk_arena_alloc(chk_arena *a, size_t bytes)
{
    bytes = (bytes + 15) & ~(size_t)15;
    while (a->current && a->current->used + bytes > a->current->size)
        a->current = a->current->next;
    if (!a->current) {
        size_t size = bytes > CHUNK_BYTES ? bytes : CHUNK_BYTES;
        struct chk_chunk *c = malloc(sizeof *c + size);
        if (!c) return NULL;
        *c = (struct chk_chunk){.next = NULL, .used = 0, .size = size};
        /* appended, so that a reset walks every chunk in the order they fill */
        struct chk_chunk **end = &a->first;
        while (*end)
            end = &(*end)->next;
        *end = c;
        a->current = c;
    }
    void *p = a->current->mem + a->current->used;
    a->current->used += bytes;
    return p;
}

void chk_arena_reset(chk_arena *a)
{
    for (struct chk_chunk *c = a->first; c; c = c->next)
        c->used = 0;
    a->current = a->first;
}

void chk_arena_free(chk_arena *a)
{
    while (a->first) {
        struct chk_chunk *next = a->first->next;
        free(a->first);
        a->first = next;
    }
    a->current = NULL;
}
