/* own_test.h: the few assertion macros the C tests share. A failed check prints where and what,
 * and the test exits non-zero at the end (so one run shows every failure). */
#ifndef OWN_TEST_H
#define OWN_TEST_H

#include <stdio.h>
#include <stdlib.h>

static int own_test_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            own_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                         \
    do {                                                                                           \
        long long own_a_ = (long long)(a), own_b_ = (long long)(b);                                \
        if (own_a_ != own_b_) {                                                                    \
            fprintf(stderr, "%s:%d: check failed: %s == %s (%lld != %lld)\n", __FILE__, __LINE__,  \
                    #a, #b, own_a_, own_b_);                                                       \
            own_test_failures++;                                                                   \
        }                                                                                          \
    } while (0)

/* Ends main(): prints a one-line verdict and returns the exit status. */
#define TEST_DONE()                                                                                \
    (own_test_failures ? (fprintf(stderr, "%d check(s) failed\n", own_test_failures), 1)           \
                       : (fprintf(stderr, "all checks passed\n"), 0))

#endif
