/* test_invalid.c: pointers own never gave out, interior pointers and an immediate double free are
 * reported with the kind of DESIGN.md and the caller's site, and never corrupt the heap. */
#include <stdint.h>
#include <string.h>

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
