/* test_stats.c: the statistics count blocks per size class and bytes, and resident memory falls
 * after a peak without any call from the program (the policy of the README). */
#include <string.h>
#include <unistd.h>

#include <own/own.h>

#include "own_test.h"

enum { COUNT = 1000, PEAK_BLOCKS = 64 * 1024 };

static size_t class_blocks(const own_heap_stats *st, size_t block_size)
{
    for (size_t c = 0; c < st->class_count; c++)
        if (st->classes[c].block_size == block_size) return st->classes[c].blocks;
    return (size_t)-1;
}

int main(void)
{
    own_heap_stats before, during, after;
    own_heap_stats_get(&before);
    void *blocks[COUNT];
    for (int i = 0; i < COUNT; i++) blocks[i] = own_malloc(100); /* class of 112 bytes */
    void *huge = own_malloc(5 << 20);
    own_heap_stats_get(&during);
    CHECK_EQ_INT(class_blocks(&during, 112) - class_blocks(&before, 112), COUNT);
    CHECK_EQ_INT(during.huge_blocks - before.huge_blocks, 1);
    CHECK(during.huge_bytes >= (5 << 20));
    CHECK(during.allocated_bytes - before.allocated_bytes >= COUNT * 112 + (5 << 20));
    CHECK(during.resident_bytes >= during.allocated_bytes - before.allocated_bytes);
    for (int i = 0; i < COUNT; i++) own_free(blocks[i]);
    own_free(huge);
    own_heap_stats_get(&after);
    CHECK_EQ_INT(class_blocks(&after, 112), class_blocks(&before, 112));
    CHECK_EQ_INT(after.huge_blocks, before.huge_blocks);

    /* A peak of 64 MiB in 1 KiB blocks, then everything freed: resident memory must fall. */
    void **peak = own_malloc(PEAK_BLOCKS * sizeof *peak);
    for (int i = 0; i < PEAK_BLOCKS; i++) {
        peak[i] = own_malloc(1000);
        memset(peak[i], 7, 1000);
    }
    own_heap_stats at_peak, after_peak;
    own_heap_stats_get(&at_peak);
    for (int i = 0; i < PEAK_BLOCKS; i++) own_free(peak[i]);
    own_free(peak);
    own_heap_stats_get(&after_peak);
    fprintf(stderr, "resident at peak %zu KiB, after %zu KiB\n", at_peak.resident_bytes >> 10,
            after_peak.resident_bytes >> 10);
    CHECK(at_peak.resident_bytes >= (60u << 20));
    CHECK(after_peak.resident_bytes < (16u << 20));
    CHECK(after_peak.peak_resident_bytes >= at_peak.resident_bytes);

    /* The printed table names the class and the huge line. */
    char *text = NULL;
    size_t length = 0;
    FILE *out = open_memstream(&text, &length);
    void *again = own_malloc(100);
    own_heap_stats_print(out);
    fclose(out);
    CHECK(strstr(text, "own heap statistics") != NULL);
    CHECK(strstr(text, "112") != NULL);
    free(text);
    own_free(again);
    return TEST_DONE();
}
