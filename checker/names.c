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

unsigned chk_index_slot(const int *index, int slots, const char *name, chk_name_at *name_at,
                        const void *table, int *found)
{
    unsigned mask = (unsigned)slots - 1, s = chk_name_hash(name) & mask;
    for (*found = -1; index[s]; s = (s + 1) & mask)
        if (!strcmp(name_at(table, index[s] - 1), name)) {
            *found = index[s] - 1;
            break;
        }
    return s;
}

bool chk_room_for_one(void **v, int *cap, int n, size_t size, int first_cap)
{
    if (n < *cap) return true;
    int grown = *cap ? *cap * 2 : first_cap;
    void *fresh = realloc(*v, (size_t)grown * size);
    if (!fresh) return false;
    *v = fresh;
    *cap = grown;
    return true;
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
    if (!chk_room_for_one((void **)&names->v, &names->cap, names->n, sizeof *names->v, 16)) return;
    if ((names->v[names->n] = strdup(name))) names->n++;
}

void chk_names_clear(chk_names *names)
{
    for (int i = 0; i < names->n; i++)
        free(names->v[i]);
    free(names->v);
    *names = (chk_names){0};
}
