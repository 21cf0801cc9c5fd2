// gnulib's time_rz.c: tzfree frees a list of zones unless it is the sentinel for the local zone,
// (timezone_t) 1. A block just allocated is never that sentinel, so passing it frees it, or at
// worst keeps it: it is not left owned by the caller.
#include <stdlib.h>

struct zone {
    struct zone *next;
    int offset;
};
#define LOCAL_ZONE ((struct zone *)1)

static void zone_free(struct zone *z)
{
    if (z != LOCAL_ZONE)
        while (z) {
            struct zone *next = z->next;
            free(z);
            z = next;
        }
}

int change_zone(struct zone *z);

struct zone *set_zone(struct zone *z)
{
    struct zone *old = malloc(sizeof *old);
    if (!old) return old;
    old->next = NULL;
    if (!change_zone(z)) {
        zone_free(old);
        return NULL;
    }
    return old;
}
