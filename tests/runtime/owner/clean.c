/* clean.c: a correct program using every operation; no report may come. Built twice: checked,
 * and with -DOWN_UNCHECKED, where the same code must run the same on plain pointers. */
#include <pthread.h>

#include "capture.h"

typedef struct order {
    int table;
    int dishes[8];
} order;

static void *chef(void *arg)
{
    own_box *b = arg;
    for (int i = 0; i < 1000; i++) {
        own_mut w = own_borrow_mut_wait(b);
        ((order *)w.ptr)->dishes[0]++;
        own_release(w);
    }
    return NULL;
}

int main(void)
{
    capture_start();
    own_box a = OWN_NEW(order);
    ((order *)own_get(&a))->table = 4;
    own_box b = own_move(&a);
    own_ref r = own_borrow(&b);
    CHECK_EQ_INT(((const order *)r.ptr)->table, 4);
    own_release(r);
    CHECK(own_resize(&b, sizeof(order) * 2));
    CHECK_EQ_INT(((order *)own_get(&b))->table, 4);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, chef, &b);
    for (int i = 0; i < 1000; i++) {
        own_mut w = own_borrow_mut_wait(&b);
        ((order *)w.ptr)->dishes[0]++;
        own_release(w);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    own_ref last = own_borrow(&b);
    CHECK_EQ_INT(((const order *)last.ptr)->dishes[0], 3000); /* no lost update */
    own_release(last);
    own_drop(&b);
    {
        OWN_SCOPED own_box s = own_new(64);
        OWN_SCOPED own_ref sr = own_borrow(&s);
        CHECK(sr.ptr != NULL);
    }
    OWN_FRAME
    {
        own_box x = own_stack_alloc(128);
        CHECK(x.ptr != NULL);
        own_ref xr = own_borrow(&x);
        CHECK(xr.ptr == x.ptr);
        own_release(xr);
    }
    CHECK_NO_REPORT();
    return TEST_DONE();
}
