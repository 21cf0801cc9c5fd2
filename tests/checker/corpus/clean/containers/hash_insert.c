// An entry is inserted into a bucket list owned by the table.
#include <stdlib.h>
#include <string.h>

struct entry {
    struct entry *next;
    char *key;
};

struct table {
    struct entry *bucket[8];
};

int table_insert(struct table *t, const char *key)
{
    struct entry *e = malloc(sizeof *e);
    if (!e) return -1;
    e->key = strdup(key);
    if (!e->key) {
        free(e);
        return -1;
    }
    unsigned h = (unsigned char)key[0] % 8;
    e->next = t->bucket[h];
    t->bucket[h] = e;
    return 0;
}
