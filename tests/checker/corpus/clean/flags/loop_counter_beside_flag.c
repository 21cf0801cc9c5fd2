// memcached's assoc.c again, whole: the expansion thread walks each old bucket's chain, clears
// `expanding` and frees the old table after the last bucket, and when it is done swaps in a new
// table (the old one is the table in use until then) and sets the flag again. The loops are
// counted (`ii < bulk_move`) and walk lists: if each loop's counter kept its first turn apart
// from the others, the states that say "freed exactly when the flag is clear" would be pushed
// out, and the next turn's walk of `old_table` would seem to read freed memory.
#include <stdbool.h>
#include <stdlib.h>

struct item {
    struct item *next;
};

static struct item **primary_table, **old_table;
static bool expanding;
static unsigned long expand_bucket, old_size;
extern int bulk_move;
extern int keep_running(void);

static void expand(void)
{
    old_table = primary_table;
    primary_table = calloc(2 * old_size, sizeof *primary_table);
    if (primary_table) {
        expanding = true;
        expand_bucket = 0;
    } else {
        primary_table = old_table;
    }
}

void maintain(void)
{
    for (int turn = 0; turn < 3; turn++) {
        for (int ii = 0; ii < bulk_move && expanding; ++ii) {
            for (struct item *it = old_table[expand_bucket]; it; it = it->next) {
            }
            old_table[expand_bucket] = NULL;
            if (++expand_bucket == old_size) {
                expanding = false;
                free(old_table);
            }
        }
        if (!expanding) expand();
    }
}
