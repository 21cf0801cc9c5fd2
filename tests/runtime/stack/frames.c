/* frames.c: the stack of frames — push, allocate, pop in LIFO order, OWN_FRAME around a C block
 * (popped on break and return too), capacity settings, and blocks of several threads. */
#include <pthread.h>

#include "../owner/capture.h"

static void push_alloc_pop(void)
{
    size_t before = own_stack_used();
    own_frame f = own_stack_push();
    CHECK(f.record != NULL);
    own_box a = own_stack_alloc(10);
    own_box b = own_stack_alloc(100);
    CHECK(a.ptr != NULL && b.ptr != NULL);
    CHECK(((uintptr_t)a.ptr & 15) == 0 && ((uintptr_t)b.ptr & 15) == 0);
    CHECK((char *)b.ptr >= (char *)a.ptr + 10);
    memset(a.ptr, 1, 10);
    memset(b.ptr, 2, 100);
    CHECK_EQ_INT(own_size(&a), 10);
    CHECK(own_get(&b) == b.ptr);
    own_frame inner = own_stack_push();
    own_box c = own_stack_alloc(1000);
    memset(c.ptr, 3, 1000);
    own_stack_pop(inner);
    CHECK_EQ_INT(((char *)a.ptr)[9], 1); /* the outer frame's blocks are untouched */
    CHECK_EQ_INT(((char *)b.ptr)[99], 2);
    own_stack_pop(f);
    CHECK_EQ_INT(own_stack_used(), before);
    CHECK_NO_REPORT();
}

static int frame_with_return(void)
{
    OWN_FRAME
    {
        own_box x = own_stack_alloc(64);
        if (x.ptr) return 1; /* the frame is popped on the way out */
    }
    return 0;
}

static void frame_macro(void)
{
    size_t before = own_stack_used();
    OWN_FRAME
    {
        own_box x = own_stack_alloc(64);
        CHECK(x.ptr != NULL);
        CHECK(own_stack_used() > before);
        OWN_FRAME
        {
            own_box y = own_stack_alloc(32);
            CHECK(y.ptr != NULL);
        }
    }
    CHECK_EQ_INT(own_stack_used(), before);
    for (int i = 0; i < 3; i++) {
        OWN_FRAME
        {
            own_stack_alloc(16);
            if (i == 1) break;
        }
    }
    CHECK_EQ_INT(own_stack_used(), before);
    CHECK_EQ_INT(frame_with_return(), 1);
    CHECK_EQ_INT(own_stack_used(), before);
    CHECK_NO_REPORT();
}

/* Many frames and blocks: push and pop stay O(1) and reuse the memory. */
static void many(void)
{
    size_t before = own_stack_used();
    for (int round = 0; round < 1000; round++) {
        own_frame f = own_stack_push();
        for (int i = 0; i < 100; i++)
            own_stack_alloc(48);
        own_stack_pop(f);
    }
    CHECK_EQ_INT(own_stack_used(), before);
    CHECK_NO_REPORT();
}

static void *thread_main(void *arg)
{
    own_box *out = arg;
    CHECK(own_stack_set_capacity(64 * 1024));
    CHECK_EQ_INT(own_stack_capacity(), 64 * 1024);
    own_frame f = own_stack_push();
    own_box mine = own_stack_alloc(128);
    CHECK(mine.ptr != NULL);
    *out = mine;
    own_stack_pop(f);
    return NULL;
}

static void threads(void)
{
    own_frame f = own_stack_push();
    own_box here = own_stack_alloc(64);
    own_box there;
    pthread_t t;
    pthread_create(&t, NULL, thread_main, &there);
    pthread_join(t, NULL);
    CHECK(here.ptr != there.ptr);
    CHECK(own_get(&here) == here.ptr); /* other threads' frames do not touch ours */
    CHECK_NO_REPORT();
#ifndef OWN_UNCHECKED
    CHECK(own_get(&there) == NULL); /* its frame was popped by its thread */
    CHECK_REPORT("dangling-stack");
#endif
    own_stack_pop(f);
}

static void capacity(void)
{
    CHECK(own_stack_capacity() >= 4096);
    own_frame f = own_stack_push();
    CHECK(!own_stack_set_capacity(1 << 20)); /* not while a frame lives */
    own_stack_pop(f);
    CHECK(own_stack_set_capacity(1 << 20));
    CHECK_EQ_INT(own_stack_capacity(), 1 << 20);
    CHECK_NO_REPORT();
}

int main(void)
{
    capture_start();
    push_alloc_pop();
    frame_macro();
    many();
    threads();
    capacity();
    return TEST_DONE();
}
