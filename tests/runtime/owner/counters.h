/* counters.h: the pair of counters the multi-threaded stress tests keep in each block. Every
 * successful exclusive borrow increments both; a shared borrow must always see them equal (a
 * torn read otherwise), and at the end their value must equal the exclusive borrows that
 * succeeded (a lost update otherwise). Conflicts are expected: a failed borrow just does nothing.
 */
#ifndef OWN_TEST_COUNTERS_H
#define OWN_TEST_COUNTERS_H

#include <own/own.h>

#include "own_test.h"

/* Increments both counters under an exclusive borrow; returns 1 if it got the borrow, else 0. */
static inline long counters_bump(own_box *b)
{
    own_mut w = own_borrow_mut(b);
    if (!w.ptr) return 0;
    long *c = w.ptr;
    c[0]++;
    c[1]++;
    own_release(w);
    return 1;
}

/* Reads both counters under a shared borrow; returns 1 if they differ (a torn read), else 0. */
static inline long counters_torn(own_box *b)
{
    own_ref r = own_borrow(b);
    if (!r.ptr) return 0;
    const long *c = r.ptr;
    long torn = c[0] != c[1];
    own_release(r);
    return torn;
}

/* Checks every block's pair, drops the blocks and returns the sum of their counts. */
static inline long counters_drop_all(own_box *blocks, int count)
{
    long total = 0;
    for (int i = 0; i < count; i++) {
        own_ref r = own_borrow(&blocks[i]);
        const long *c = r.ptr;
        CHECK(c[0] == c[1]);
        total += c[0];
        own_release(r);
        own_drop(&blocks[i]);
    }
    return total;
}

#endif
