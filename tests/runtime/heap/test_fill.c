/* test_fill.c: a size class that grows in bulk gets its new pages resident at once, in one call,
 * instead of a page fault per 4 KiB as its blocks are carved (bench/heap's fragment spent most of
 * its time in those faults); the first pages of a class stay carved lazily, so a program that
 * uses a class a little does not pay RSS for a whole page. Residency is read with mincore. */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include <own/own.h>

#include "heap/heap.h"
#include "own_test.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/* A class of its own (256 blocks per page), the OS pages of a page of one slice, the pages of a
 * class carved lazily (alloc.c's FILL_AFTER_FULL_PAGES) and the pages the test fills. */
enum { BLOCK = 256, OS_PAGES = (int)(OWN_SLICE_SIZE / 4096), LAZY_PAGES = 8, PAGES = 12 };

/* Whether this kernel can make memory resident in one call (Linux 5.14 and later). */
static int kernel_populates(void)
{
    void *probe = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED) return 0;
    int ok = madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
    munmap(probe, 4096);
    return ok;
}

static int resident_os_pages(const uint8_t *start)
{
    unsigned char in_core[OS_PAGES];
    if (mincore((void *)start, OWN_SLICE_SIZE, in_core) != 0) return -1;
    int resident = 0;
    for (int i = 0; i < OS_PAGES; i++)
        resident += in_core[i] & 1;
    return resident;
}

static const uint8_t *page_start_of(void *block)
{
    own_segment *segment = own__segment_at(block);
    return own__page_start(own__page_of(segment, block));
}

int main(void)
{
    if (!kernel_populates()) {
        fprintf(stderr, "MADV_POPULATE_WRITE is not supported (errno %d): nothing to check\n",
                errno);
        return TEST_DONE();
    }
    enum { PER_PAGE = (int)(OWN_SLICE_SIZE / BLOCK), TOTAL = PER_PAGE * PAGES };
    static void *blocks[TOTAL];
    int resident_at_start[PAGES], pages = 0;
    const uint8_t *current = NULL;
    for (int i = 0; i < TOTAL; i++) {
        blocks[i] = own_malloc(BLOCK);
        CHECK(blocks[i] != NULL);
        const uint8_t *start = page_start_of(blocks[i]);
        if (start != current && pages < PAGES) {
            /* The first block of a new page: what is resident before the program writes. */
            current = start;
            resident_at_start[pages++] = resident_os_pages(start);
        }
        ((volatile uint8_t *)blocks[i])[BLOCK - 1] = (uint8_t)i;
    }
    CHECK_EQ_INT(pages, PAGES);
    for (int p = 0; p < pages; p++) {
        if (p < LAZY_PAGES) {
            /* Carving takes about one OS page at a time. */
            CHECK(resident_at_start[p] >= 1 && resident_at_start[p] <= 2);
        } else {
            CHECK_EQ_INT(resident_at_start[p], OS_PAGES);
        }
    }
    for (int i = 0; i < TOTAL; i++) {
        CHECK_EQ_INT(((volatile uint8_t *)blocks[i])[BLOCK - 1], (uint8_t)i);
        own_free(blocks[i]);
    }
    return TEST_DONE();
}
