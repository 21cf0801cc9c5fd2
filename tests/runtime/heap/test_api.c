/* test_api.c: every entry point of the heap and the corners of its C and POSIX contracts. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include <own/own.h>

#include "own_test.h"

/* Sizes the compiler must not see, or it rejects the calls that test them. */
static volatile size_t size_max = SIZE_MAX;
static volatile size_t big_count = (size_t)1 << 33;

static int aligned_to(const void *p, size_t alignment)
{
    return ((uintptr_t)p & (alignment - 1)) == 0;
}

static void test_malloc_sizes(void)
{
    /* Every size up to 4 KiB, then sizes around every power of two up to 64 MiB. */
    for (size_t size = 0; size <= 4096; size++) {
        unsigned char *p = own_malloc(size);
        CHECK(p != NULL);
        if (size >= 16) CHECK(aligned_to(p, 16));
        CHECK(own_malloc_usable_size(p) >= size);
        memset(p, 0xab, size);
        own_free(p);
    }
    for (size_t shift = 12; shift <= 26; shift++) {
        for (long delta = -1; delta <= 1; delta++) {
            size_t size = ((size_t)1 << shift) + (size_t)delta;
            unsigned char *p = own_malloc(size);
            CHECK(p != NULL && aligned_to(p, 16));
            CHECK(own_malloc_usable_size(p) >= size);
            p[0] = 1;
            p[size - 1] = 2;
            CHECK(p[0] == 1 && p[size - 1] == 2);
            own_free(p);
        }
    }
    void *a = own_malloc(0), *b = own_malloc(0);
    CHECK(a && b && a != b); /* malloc(0) gives distinct pointers that can be freed */
    own_free(a);
    own_free(b);
    own_free(NULL);
}

static void test_malloc_too_big(void)
{
    errno = 0;
    CHECK(own_malloc(size_max) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(own_malloc(PTRDIFF_MAX) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(own_malloc((size_t)1 << 47) == NULL && errno == ENOMEM);
}

static void test_calloc(void)
{
    /* Dirty a block of each size first, so calloc must clear reused memory. */
    for (size_t size = 8; size <= (1u << 20); size *= 2) {
        unsigned char *dirty = own_malloc(size);
        memset(dirty, 0xff, size);
        own_free(dirty);
        unsigned char *p = own_calloc(1, size);
        CHECK(p != NULL);
        size_t nonzero = 0;
        for (size_t i = 0; i < size; i++) nonzero += p[i] != 0;
        CHECK_EQ_INT(nonzero, 0);
        own_free(p);
    }
    errno = 0;
    CHECK(own_calloc(size_max / 2, 3) == NULL && errno == ENOMEM);
    errno = 0;
    CHECK(own_calloc(big_count, big_count) == NULL && errno == ENOMEM);
    void *zero = own_calloc(0, 10);
    CHECK(zero != NULL);
    own_free(zero);
}

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 31 + seed);
}

static size_t mismatches(const unsigned char *p, size_t n, unsigned seed)
{
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) bad += p[i] != (unsigned char)(i * 31 + seed);
    return bad;
}

static void test_realloc(void)
{
    /* Growth from 1 byte to 32 MiB keeps the contents: small, medium, huge, huge moved by mremap. */
    size_t size = 1;
    unsigned char *p = own_realloc(NULL, size);
    fill(p, size, 7);
    while (size < ((size_t)32 << 20)) {
        size_t next = size * 3 / 2 + 1;
        p = own_realloc(p, next);
        CHECK(p != NULL);
        CHECK_EQ_INT(mismatches(p, size, 7), 0);
        fill(p, next, 7);
        size = next;
    }
    /* Shrinking keeps the prefix. */
    while (size > 8) {
        size /= 3;
        p = own_realloc(p, size);
        CHECK(p != NULL);
        CHECK_EQ_INT(mismatches(p, size, 7), 0);
    }
    /* A failed realloc leaves the block as it was. */
    errno = 0;
    CHECK(own_realloc(p, size_max / 2) == NULL && errno == ENOMEM);
    CHECK_EQ_INT(mismatches(p, size, 7), 0);
    /* realloc(p, 0) frees and returns NULL, as glibc does. */
    CHECK(own_realloc(p, 0) == NULL);

    errno = 0;
    CHECK(own_reallocarray(NULL, size_max / 4, 8) == NULL && errno == ENOMEM);
    unsigned *array = own_reallocarray(NULL, 10, sizeof(unsigned));
    CHECK(array != NULL);
    for (unsigned i = 0; i < 10; i++) array[i] = i;
    array = own_reallocarray(array, 100000, sizeof(unsigned));
    CHECK(array != NULL);
    for (unsigned i = 0; i < 10; i++) CHECK_EQ_INT(array[i], i);
    own_free(array);
}

static void test_aligned(void)
{
    for (size_t alignment = sizeof(void *); alignment <= ((size_t)1 << 26); alignment *= 2) {
        size_t sizes[] = {1, 24, alignment / 2 + 1, alignment, 3 * alignment + 5, 300000};
        for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
            void *p = (void *)0x1;
            CHECK_EQ_INT(own_posix_memalign(&p, alignment, sizes[i]), 0);
            CHECK(p != NULL && aligned_to(p, alignment));
            CHECK(own_malloc_usable_size(p) >= sizes[i]);
            memset(p, 0x5a, sizes[i]);
            own_free(p);
            void *q = own_aligned_alloc(alignment, sizes[i]);
            CHECK(q != NULL && aligned_to(q, alignment));
            own_free(q);
        }
    }
    void *p = (void *)0x1;
    CHECK_EQ_INT(own_posix_memalign(&p, 24, 8), EINVAL);
    CHECK_EQ_INT(own_posix_memalign(&p, 4, 8), EINVAL); /* not a multiple of sizeof(void *) */
    CHECK_EQ_INT(own_posix_memalign(&p, 0, 8), EINVAL);
    CHECK(p == (void *)0x1);                            /* untouched on failure */
    CHECK_EQ_INT(own_posix_memalign(&p, 64, size_max - 100), ENOMEM);
    errno = 0;
    CHECK(own_aligned_alloc(3, 10) == NULL && errno == EINVAL);
    errno = 0;
    CHECK(own_aligned_alloc(0, 10) == NULL && errno == EINVAL);
    /* memalign rounds an alignment that is not a power of two up, as glibc does. */
    void *m = own_memalign(24, 100);
    CHECK(m != NULL && aligned_to(m, 32));
    own_free(m);
    long page = sysconf(_SC_PAGESIZE);
    void *v = own_valloc(10);
    CHECK(v != NULL && aligned_to(v, (size_t)page));
    own_free(v);
    void *pv = own_pvalloc(1);
    CHECK(pv != NULL && aligned_to(pv, (size_t)page) && own_malloc_usable_size(pv) >= (size_t)page);
    own_free(pv);
    errno = 0;
    CHECK(own_pvalloc(size_max - 10) == NULL && errno == ENOMEM);
}

int main(void)
{
    test_malloc_sizes();
    test_malloc_too_big();
    test_calloc();
    test_realloc();
    test_aligned();
    return TEST_DONE();
}
