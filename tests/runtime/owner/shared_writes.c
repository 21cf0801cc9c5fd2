/* shared_writes.c: OWN_OPTIONS=check_shared=1 (set by CMake for this test) — a write through a
 * shared borrow is reported as write-through-shared when a shared borrow ends, naming that site,
 * the borrow and the allocation; correct code, with writers and readers taking turns across
 * threads, never is. */
#include <pthread.h>

#include "capture.h"

struct order {
    int table;
    char dish[28];
};

static void cast_away_const(void)
{
    own_box order = OWN_NEW(struct order);
    int alloc_line = __LINE__ - 1;
    own_ref look = own_borrow(&order);
    int borrow_line = __LINE__ - 1;
    ((struct order *)(uintptr_t)look.ptr)->table = 9; /* the bug */
    own_release(look);
    int release_line = __LINE__ - 1;
    CHECK_REPORT("write-through-shared",
                 "error[write-through-shared]: block of 32 bytes changed while borrowed (shared)",
                 AT(release_line), AT(borrow_line), AT(alloc_line));
    own_drop(&order);
    CHECK_NO_REPORT();
}

/* Two readers, the write through the first: the release that sees it reports, once. */
static void two_readers(void)
{
    own_box order = OWN_NEW(struct order);
    own_ref a = own_borrow(&order);
    own_ref b = own_borrow(&order);
    ((struct order *)(uintptr_t)a.ptr)->dish[27] = 'x';
    own_release(b);
    int release_line = __LINE__ - 1;
    CHECK_REPORT("write-through-shared", AT(release_line));
    own_release(a);
    CHECK_NO_REPORT();
    own_drop(&order);
    CHECK_NO_REPORT();
}

/* Writes under an exclusive borrow, by the owner between borrows, and of a resized block: fine. */
static void correct_writes(void)
{
    own_box order = own_new(5);
    for (int i = 0; i < 10; i++) {
        own_mut cook = own_borrow_mut(&order);
        ((char *)cook.ptr)[i % 5] = (char)i;
        own_release(cook);
        ((char *)own_get(&order))[(i + 1) % 5] = (char)(i + 1);
        own_ref look = own_borrow(&order);
        own_ref look2 = own_borrow(&order);
        own_release(look);
        own_release(look2);
    }
    CHECK(own_resize(&order, 3000));
    own_ref look = own_borrow(&order);
    own_release(look);
    own_mut cook = own_borrow_mut(&order);
    ((char *)cook.ptr)[2999] = 1;
    own_release(cook);
    look = own_borrow(&order);
    CHECK_EQ_INT(((const char *)look.ptr)[2999], 1);
    own_release(look);
    own_drop(&order);
    CHECK_NO_REPORT();
}

/* Chefs that add to the order under exclusive borrows and cashiers that read it under shared
 * ones, all waiting for their turn: no write-through-shared, and no lost update. */
enum { CHEFS = 2, CASHIERS = 2, ROUNDS = 2000 };

static void *chef(void *arg)
{
    own_box *order = arg;
    for (int i = 0; i < ROUNDS; i++) {
        own_mut cook = own_borrow_mut_wait(order);
        ((struct order *)cook.ptr)->table++;
        own_release(cook);
    }
    return NULL;
}

static void *cashier(void *arg)
{
    own_box *order = arg;
    for (int i = 0; i < ROUNDS; i++) {
        own_ref look = own_borrow_wait(order);
        int table = ((const struct order *)look.ptr)->table;
        if (table < 0 || table > CHEFS * ROUNDS) abort();
        own_release(look);
    }
    return NULL;
}

static void threads(void)
{
    own_box order = OWN_NEW(struct order);
    pthread_t t[CHEFS + CASHIERS];
    for (int i = 0; i < CHEFS + CASHIERS; i++)
        pthread_create(&t[i], NULL, i < CHEFS ? chef : cashier, &order);
    for (int i = 0; i < CHEFS + CASHIERS; i++)
        pthread_join(t[i], NULL);
    own_ref look = own_borrow(&order);
    CHECK_EQ_INT(((const struct order *)look.ptr)->table, CHEFS * ROUNDS);
    own_release(look);
    own_drop(&order);
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    cast_away_const();
    two_readers();
    correct_writes();
    threads();
    CHECK_EQ_INT(own_live_blocks(), 0);
    return TEST_DONE();
}
