/* names.c: names of functions, kept once each in a list, or indexed by open addressing in a
 * table whose entries hold them (exports.c). */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

unsigned chk_name_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

bool chk_index_room(int **index, int *slots, int n, int first_slots, chk_name_at *name,
                    const void *table)
{
    if (n + 1 <= *slots / 2) return true;
    int grown = *slots ? *slots * 2 : first_slots;
    int *fresh = calloc((size_t)grown, sizeof *fresh);
    if (!fresh) return false;
    for (int i = 0; i < n; i++) {
        unsigned s = chk_name_hash(name(table, i)) & (unsigned)(grown - 1);
        while (fresh[s])
            s = (s + 1) & (unsigned)(grown - 1);
        fresh[s] = i + 1;
    }
    free(*index);
    *index = fresh;
    *slots = grown;
    return true;
}

void chk_names_add(chk_names *names, const char *name)
{
    for (int i = 0; i < names->n; i++)
        if (!strcmp(names->v[i], name)) return;
    if (names->n == names->cap) {
        int cap = names->cap ? names->cap * 2 : 16;
        char **v = realloc(names->v, (size_t)cap * sizeof *v);
        if (!v) return;
        names->v = v;
        names->cap = cap;
    }
    if ((names->v[names->n] = strdup(name))) names->n++;
}

void chk_names_clear(chk_names *names)
{
    for (int i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
    *names = (chk_names){0};
}
