/* capture.h: a handler for own_on_error that keeps the last report, so a test can assert the
 * exact kind and the file:line sites it names. Shared by the stack and ownership tests. */
#ifndef OWN_TEST_CAPTURE_H
#define OWN_TEST_CAPTURE_H

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <own/own.h>

#include "own_test.h"

static char capture_kind[64];
static char capture_text[4096];
static atomic_int capture_count;

static void capture_handler(const own_error *e)
{
    snprintf(capture_kind, sizeof capture_kind, "%s", e->kind);
    snprintf(capture_text, sizeof capture_text, "%s", e->text);
    atomic_fetch_add(&capture_count, 1);
}

static inline void capture_start(void)
{
    own_on_error(capture_handler);
    capture_kind[0] = capture_text[0] = 0;
    atomic_store(&capture_count, 0);
}

/* "file:line " of a line of the calling test file, for asserting sites: AT(__LINE__ - 2). */
#define AT(line) capture_site(__FILE__, (line))
static inline const char *capture_site(const char *file, int line)
{
    static char buf[8][256];
    static int next;
    char *s = buf[next++ % 8];
    snprintf(s, 256, "%s:%d ", file, line);
    return s;
}

/* Asserts that exactly one report came since capture_start(), of `kind`, whose text contains
 * every string in the NULL-terminated list; then starts capturing again. */
#define CHECK_REPORT(...)                                                                          \
    do {                                                                                           \
        const char *want_[] = {__VA_ARGS__, NULL};                                                 \
        const char *kind = want_[0];                                                               \
        CHECK_EQ_INT(atomic_load(&capture_count), 1);                                              \
        if (strcmp(capture_kind, kind) != 0) {                                                     \
            fprintf(stderr, "%s:%d: expected error[%s], got [%s]:\n%s\n", __FILE__, __LINE__,      \
                    kind, capture_kind, capture_text);                                             \
            own_test_failures++;                                                                   \
        }                                                                                          \
        for (const char **w_ = want_ + 1; *w_; w_++) {                                             \
            if (!strstr(capture_text, *w_)) {                                                      \
                fprintf(stderr, "%s:%d: report lacks \"%s\":\n%s\n", __FILE__, __LINE__, *w_,      \
                        capture_text);                                                             \
                own_test_failures++;                                                               \
            }                                                                                      \
        }                                                                                          \
        capture_start();                                                                           \
    } while (0)

#define CHECK_NO_REPORT()                                                                          \
    do {                                                                                           \
        if (atomic_load(&capture_count) != 0) {                                                    \
            fprintf(stderr, "%s:%d: unexpected report:\n%s\n", __FILE__, __LINE__, capture_text);  \
            own_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#endif
