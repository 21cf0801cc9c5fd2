/* test_arena.c: big blocks (over 256 KiB, up to 16 MiB) carved from arenas. Freed pages are reused
 * in place with their contents intact for the blocks still in use, calloc still gives zeros on
 * reused pages, realloc grows and shrinks in place (giving back a tail over half the block), a
 * block freed and asked again costs no page faults, a double free and an interior pointer are
 * reported, and resident memory falls after a peak as the README's policy says: at once to 64 MiB
 * of free pages, and to almost nothing once the free pages go unused for a second or two. */
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <own/own.h>

#include "own_test.h"

enum { LIVE = 24, ROUNDS = 600 };
#define MIB ((size_t)1 << 20)

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned char stamp_of(size_t id, size_t offset)
{
    return (unsigned char)(id * 131 + offset / 4096 * 7 + 1);
}

/* One byte per page and the last byte: enough to see blocks overlap or lose their contents. */
static void stamp(unsigned char *p, size_t size, size_t id)
{
    for (size_t i = 0; i < size; i += 4096)
        p[i] = stamp_of(id, i);
    p[size - 1] = stamp_of(id, size - 1);
}

static int pages_intact(const unsigned char *p, size_t size, size_t id)
{
    for (size_t i = 0; i < size; i += 4096)
        if (p[i] != stamp_of(id, i)) return 0;
    return 1;
}

static int intact(const unsigned char *p, size_t size, size_t id)
{
    return pages_intact(p, size, id) && p[size - 1] == stamp_of(id, size - 1);
}

static size_t big_size(void)
{
    return (256 << 10) + 1 + next_random() % (12 * MIB);
}

static long minor_faults(void)
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

static size_t resident(void)
{
    own_heap_stats st;
    own_heap_stats_get(&st);
    return st.resident_bytes;
}

static int reports;
static char last_kind[64];

static void capture(const own_error *error)
{
    snprintf(last_kind, sizeof last_kind, "%s", error->kind);
    reports++;
}

static void contents_survive_reuse(void)
{
    unsigned char *block[LIVE];
    size_t size[LIVE], id[LIVE], next_id = 0;
    for (int i = 0; i < LIVE; i++) {
        size[i] = big_size();
        block[i] = own_malloc(size[i]);
        id[i] = next_id++;
        stamp(block[i], size[i], id[i]);
    }
    for (int r = 0; r < ROUNDS; r++) {
        int i = (int)(next_random() % LIVE);
        CHECK(intact(block[i], size[i], id[i]));
        unsigned how = (unsigned)(next_random() % 4);
        if (how == 0) { /* grow: in place when the pages after it are free, else moved */
            size_t grown = size[i] + next_random() % (2 * MIB);
            if (grown > 16 * MIB) grown = 16 * MIB; /* bigger blocks are not the arenas' */
            unsigned char *p = own_realloc(block[i], grown);
            CHECK(p && intact(p, size[i], id[i]));
            block[i] = p;
            size[i] = grown;
        } else if (how == 1) { /* shrink in place: the tail becomes free pages */
            size_t smaller = (256 << 10) + 1 + next_random() % (size[i] - (256 << 10));
            unsigned char *p = own_realloc(block[i], smaller);
            CHECK(p == block[i]);
            size[i] = smaller;
            CHECK(pages_intact(p, size[i], id[i]));
        } else if (how == 2) { /* calloc on pages other blocks dirtied */
            own_free(block[i]);
            size[i] = big_size();
            block[i] = own_calloc(1, size[i]);
            CHECK(block[i] != NULL);
            int zero = 1;
            for (size_t k = 0; k < size[i]; k += 512)
                zero &= block[i][k] == 0;
            CHECK(zero && block[i][size[i] - 1] == 0);
        } else {
            own_free(block[i]);
            size[i] = big_size();
            block[i] = own_malloc(size[i]);
        }
        CHECK(own_malloc_usable_size(block[i]) >= size[i]);
        CHECK((uintptr_t)block[i] % 4096 == 0);
        id[i] = next_id++;
        stamp(block[i], size[i], id[i]);
    }
    for (int i = 0; i < LIVE; i++) {
        CHECK(intact(block[i], size[i], id[i]));
        own_free(block[i]);
    }
}

/* Page faults taken while a new 8 MiB block is written whole (a fresh one takes 2048). */
static long faults_writing_a_big_block(void)
{
    long before = minor_faults();
    unsigned char *q = own_malloc(8 * MIB);
    memset(q, 2, 8 * MIB);
    long faults = minor_faults() - before;
    own_free(q);
    return faults;
}

static void reuse_costs_no_page_faults(void)
{
    unsigned char *p = own_malloc(8 * MIB);
    memset(p, 1, 8 * MIB);
    own_free(p);
    long faults = faults_writing_a_big_block();
    fprintf(stderr, "faults touching a reused 8 MiB block: %ld (fresh: 2048)\n", faults);
    CHECK(faults < 256);
}

/* The pages of a block freed just now are not old free pages, however the decay's periods fall:
 * here the free comes more than a period after the last big-block event, and beside pages that
 * did stay free through it (which go). */
static void a_block_freed_as_a_period_ends_stays_resident(void)
{
    unsigned char *stale = own_malloc(4 * MIB);
    unsigned char *p = own_malloc(8 * MIB);
    memset(stale, 1, 4 * MIB);
    memset(p, 1, 8 * MIB);
    own_free(stale);
    nanosleep(&(struct timespec){1, 100 * 1000 * 1000}, NULL);
    own_free(p);
    long faults = faults_writing_a_big_block();
    fprintf(stderr, "faults touching a block freed as a period ended: %ld (fresh: 2048)\n", faults);
    CHECK(faults < 256);
}

static void misuse_is_reported(void)
{
    own_on_error(capture);
    unsigned char *p = own_malloc(3 * MIB), *keep = own_malloc(3 * MIB);
    own_free(p + 8192);
    CHECK(reports == 1 && !strcmp(last_kind, "invalid-handle"));
    own_free(p);
    own_free(p);
    CHECK(reports == 2 && !strcmp(last_kind, "double-free"));
    CHECK(own_realloc(p + 4096, 5 * MIB) == NULL);
    CHECK(reports == 3 && !strcmp(last_kind, "invalid-handle"));
    own_free(keep);
    own_on_error(NULL);
}

static void resident_falls_after_a_peak(void)
{
    enum { PEAK_BLOCKS = 40 };
    unsigned char *peak[PEAK_BLOCKS];
    own_heap_trim();
    size_t before = resident();
    for (int i = 0; i < PEAK_BLOCKS; i++) {
        peak[i] = own_malloc(4 * MIB);
        memset(peak[i], 3, 4 * MIB);
    }
    size_t at_peak = resident();
    /* Every tenth block stays a while, so that no arena empties (an empty one is unmapped
     * whatever the limit): what falls at once is the limit's doing. */
    for (int i = 0; i < PEAK_BLOCKS; i++)
        if (i % 10) own_free(peak[i]);
    size_t after = resident();
    for (int i = 0; i < PEAK_BLOCKS; i += 10)
        own_free(peak[i]);
    /* Then a small working set for a while: the free pages go unused and are given back. They
     * must have stayed free through a whole decay period of a second, and the first period may
     * have begun before the peak, so this goes on for up to three. */
    size_t later = after;
    for (int i = 0; i < 300 && later > before + 8 * MIB; i++) {
        unsigned char *p = own_malloc(MIB);
        p[0] = 1;
        own_free(p);
        nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
        later = resident();
    }
    fprintf(stderr, "resident: before %zu MiB, peak %zu MiB, after %zu MiB, later %zu MiB\n",
            before / MIB, at_peak / MIB, after / MIB, later / MIB);
    CHECK(at_peak >= before + 160 * MIB);
    CHECK(after <= before + 16 * MIB + 64 * MIB + 2 * MIB); /* the blocks kept, the limit */
    CHECK(later <= before + 8 * MIB);
}

/* realloc to less of a big block keeps it where it is; its tail goes back to the arena only when
 * that is more than half of it, as a small block stays in its class until it would waste half. */
static void shrink_gives_back_over_half(void)
{
    unsigned char *p = own_malloc(4 * MIB);
    CHECK(p != NULL);
    stamp(p, 4 * MIB, 1);
    unsigned char *q = own_realloc(p, 3 * MIB);
    CHECK(q == p && pages_intact(q, 3 * MIB, 1));
    CHECK(own_malloc_usable_size(q) >= 4 * MIB);
    q = own_realloc(q, 1 * MIB);
    CHECK(q == p && pages_intact(q, 1 * MIB, 1));
    CHECK(own_malloc_usable_size(q) == 1 * MIB);
    own_free(q);
}

int main(void)
{
    shrink_gives_back_over_half();
    contents_survive_reuse();
    reuse_costs_no_page_faults();
    a_block_freed_as_a_period_ends_stays_resident();
    misuse_is_reported();
    resident_falls_after_a_peak();
    return TEST_DONE();
}
