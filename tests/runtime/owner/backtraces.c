/* backtraces.c: OWN_OPTIONS=backtrace=1 (set by CMake for this test) — a report shows the call
 * stack of the error and, for an owned block, the stacks of its allocation and its drop, each
 * frame named "function at file:line" from the debug information, libown's own frames left out.
 * The plain-malloc path is covered too: a bad free names the function that made it. */
#include "capture.h"

#define NOINLINE __attribute__((noinline))

static int alloc_line, drop_line, again_line, waiter_line, free_line;

static NOINLINE own_box make_order(void)
{
    own_box b = own_new(24);
    alloc_line = __LINE__ - 1;
    return b;
}

static NOINLINE void throw_away(own_box *b, bool again)
{
    own_drop(b);
    *(again ? &again_line : &drop_line) = __LINE__ - 1;
}

static NOINLINE void waiter(own_box *b, bool again)
{
    throw_away(b, again);
    waiter_line = __LINE__ - 1;
}

static NOINLINE void bad_free(char *p)
{
    own_free(p + 1);
    free_line = __LINE__ - 1;
}

/* "#N function at FILE:LINE" for a frame of this file. */
static const char *frame(int n, const char *function, int line)
{
    static char buf[8][320];
    static int next;
    char *s = buf[next++ % 8];
    snprintf(s, 320, "#%d %s at %s:%d\n", n, function, __FILE__, line);
    return s;
}

int main(void)
{
    capture_start();
    own_box order = make_order();
    waiter(&order, false);
    waiter(&order, true);
    CHECK_REPORT("double-free", "   = backtrace:\n", frame(0, "throw_away", again_line),
                 frame(1, "waiter", waiter_line), frame(2, "main", __LINE__ - 2),
                 "   = drop backtrace:\n", frame(0, "throw_away", drop_line),
                 frame(1, "waiter", waiter_line), frame(2, "main", __LINE__ - 5),
                 "   = allocation backtrace:\n", frame(0, "make_order", alloc_line),
                 frame(1, "main", __LINE__ - 8));
    /* libown's frames are left out: the error's stack starts at the program's call */
    CHECK(strstr(capture_text, "own_drop_at") == NULL);

    char *p = own_malloc(16);
    bad_free(p);
    CHECK_REPORT("free-interior", frame(0, "bad_free", free_line), frame(1, "main", __LINE__ - 1));
    own_free(p);
    CHECK_NO_REPORT();
    return TEST_DONE();
}
