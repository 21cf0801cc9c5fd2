// A hash table of bucket lists is freed bucket by bucket.
#include <stdlib.h>

#define NBUCKETS 16

struct entry {
    struct entry *next;
    char *key;
};

struct table {
    struct entry *buckets[NBUCKETS];
};

void table_free(struct table *t)
{
    for (int i = 0; i < NBUCKETS; i++) {
        struct entry *e = t->buckets[i];
        while (e) {
            struct entry *next = e->next;
            free(e->key);
            free(e);
            e = next;
        }
        t->buckets[i] = NULL;
    }
    free(t);
}
