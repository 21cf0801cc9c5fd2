/* test_invalid.c: pointers own never gave out, interior pointers and an immediate double free are
 * reported with the kind of DESIGN.md and the caller's site, and never corrupt the heap. The check
 * of a small block is a multiplication (own_page in runtime/heap/heap.h): every size class, the
 * bytes after a page's last block, blocks not carved yet and slices a freed page left behind are
 * tried here. */
#include <stdint.h>
#include <string.h>

#include <own/heap.h>

#include <own/own.h>

#include "own_test.h"

static char last_kind[64];
static char last_text[4096];
static int reports;

static void capture(const own_error *error)
{
    snprintf(last_kind, sizeof last_kind, "%s", error->kind);
    snprintf(last_text, sizeof last_text, "%s", error->text);
    reports++;
}

#define EXPECT_REPORT(kind, statement)                                                             \
    do {                                                                                           \
        int before_ = reports;                                                                     \
        statement;                                                                                 \
        CHECK_EQ_INT(reports, before_ + 1);                                                        \
        CHECK(!strcmp(last_kind, kind));                                                           \
        CHECK(!strncmp(last_text, "error[" kind "]: ", strlen("error[" kind "]: ")));              \
        CHECK(strstr(last_text, "  --> ") != NULL);                                                \
        CHECK(strstr(last_text, "(thread 1)") != NULL);                                            \
    } while (0)

#define SLICE ((uintptr_t)64 << 10)

/* For every class: an interior pointer at each multiple of 8 up to the block size (a power of
 * two inside a block of another size looks most like a block start), and the byte after the
 * block, which is the next block's start and was never handed out. */
static void check_every_class(void)
{
    own_heap_stats st;
    own_heap_stats_get(&st);
    for (size_t c = 1; c < st.class_count; c++) {
        size_t size = st.classes[c].block_size;
        char *p = own_malloc(size);
        CHECK(p != NULL);
        for (size_t at = 8; at < size && at <= 4096; at += at < 256 ? 8 : 248) {
            char expected[64];
            snprintf(expected, sizeof expected, "%zu bytes into a block of %zu bytes", at, size);
            EXPECT_REPORT("free-interior", own_free(p + at));
            CHECK(strstr(last_text, expected) != NULL);
        }
        own_free(p);
    }
}

/* A page of 48-byte blocks ends with 16 bytes no block holds; its blocks are carved a few at a
 * time, so the start of one far into the page was never handed out yet. */
static void check_page_ends(void)
{
    char *p = own_malloc(48);
    char *page = (char *)((uintptr_t)p & ~(SLICE - 1));
    size_t blocks = SLICE / 48;
    EXPECT_REPORT("invalid-handle", own_free(page + blocks * 48));
    EXPECT_REPORT("invalid-handle", own_free(page + SLICE - 8));
    EXPECT_REPORT("invalid-handle", own_free(page + (blocks - 1) * 48));
    EXPECT_REPORT("invalid-handle", own_free(page + (blocks - 1) * 48 + 16));
    own_free(p);
}

/* Pages of 40 KiB blocks span 3 slices and hold 4 blocks. Once all of a page's blocks are freed,
 * the page is given back (it is not the one its class allocates from); its slices keep a stale
 * distance to the page's first slice, which must not make a pointer into them look valid. */
static void check_freed_page(void)
{
    enum { BLOCK = 40 << 10 };
    char *first[4], *last[4];
    for (int i = 0; i < 4; i++)
        first[i] = own_malloc(BLOCK);
    for (int i = 0; i < 4; i++)
        last[i] = own_malloc(BLOCK); /* another page, now the class's current one */
    for (int i = 0; i < 4; i++)
        own_free(first[i]);
    EXPECT_REPORT("invalid-handle", own_free(first[0]));
    EXPECT_REPORT("invalid-handle", own_free(first[1]));
    EXPECT_REPORT("invalid-handle", own_free(first[0] + SLICE));
    EXPECT_REPORT("invalid-handle", own_free(first[0] + 2 * SLICE + 4096));
    CHECK_EQ_INT(own_malloc_usable_size(first[2]), 0);
    for (int i = 0; i < 4; i++)
        own_free(last[i]);
}

/* malloc_usable_size answers 0, and reports, for every kind of pointer free rejects; and the size
 * for a block of each kind: small, arena and huge. */
static void check_usable_size(void)
{
    int on_stack = 0;
    char *small = own_malloc(100), *arena = own_malloc(300 << 10), *huge = own_malloc(20 << 20);
    CHECK(small && arena && huge);
    CHECK_EQ_INT(own_malloc_usable_size(NULL), 0);
    CHECK(own_malloc_usable_size(small) >= 100 && own_malloc_usable_size(small) < 200);
    CHECK(own_malloc_usable_size(arena) >= (300 << 10));
    CHECK(own_malloc_usable_size(huge) >= (20 << 20));
    EXPECT_REPORT("invalid-handle", CHECK_EQ_INT(own_malloc_usable_size(&on_stack), 0));
    EXPECT_REPORT("free-interior", CHECK_EQ_INT(own_malloc_usable_size(small + 8), 0));
    EXPECT_REPORT("invalid-handle", CHECK_EQ_INT(own_malloc_usable_size(arena + 4096), 0));
    EXPECT_REPORT("invalid-handle", CHECK_EQ_INT(own_malloc_usable_size(huge + 4096), 0));
    CHECK(strstr(last_text, "malloc_usable_size of") != NULL);
    own_free(small);
    own_free(arena);
    own_free(huge);
}

/* Slice 0 of a segment holds its header and descriptors, never a block. */
static void check_segment_header(void)
{
    char *p = own_malloc(64);
    char *segment = (char *)((uintptr_t)p & ~(((uintptr_t)4 << 20) - 1));
    EXPECT_REPORT("invalid-handle", own_free(segment));
    EXPECT_REPORT("invalid-handle", own_free(segment + 4096));
    EXPECT_REPORT("invalid-handle", own_free(segment + SLICE - 64));
    own_free(p);
}

int main(void)
{
    own_on_error(capture);
    int on_stack = 0;
    static int in_data;
    EXPECT_REPORT("invalid-handle", own_free(&on_stack));
    EXPECT_REPORT("invalid-handle", own_free(&in_data));
    EXPECT_REPORT("invalid-handle", own_free((void *)(uintptr_t)0xdeadbeef0));
    EXPECT_REPORT("invalid-handle", CHECK(own_realloc(&on_stack, 10) == NULL));
    CHECK(strstr(last_text, "realloc of") != NULL);

    char *small = own_malloc(64);
    EXPECT_REPORT("free-interior", own_free(small + 16));
    CHECK(strstr(last_text, "16 bytes into a block of 64 bytes") != NULL);
    EXPECT_REPORT("double-free", (own_free(small), own_free(small)));

    char *huge = own_malloc(8 << 20);
    EXPECT_REPORT("invalid-handle", own_free(huge + 4096));
    own_free(huge);

    check_every_class();
    check_page_ends();
    check_freed_page();
    check_segment_header();
    check_usable_size();

    /* The heap still works and hands out distinct blocks after all of that. */
    char *a = own_malloc(64), *b = own_malloc(64);
    CHECK(a && b && a != b);
    memset(a, 1, 64);
    memset(b, 2, 64);
    CHECK(a[63] == 1 && b[0] == 2);
    own_free(a);
    own_free(b);
    CHECK_EQ_INT(own_error_count(), reports);
    return TEST_DONE();
}
