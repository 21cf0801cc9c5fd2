/* options.c: OWN_OPTIONS=stack_size=N sets each thread's capacity (the test runs with 32k). */
#include "../owner/capture.h"

int main(void)
{
    capture_start();
    CHECK_EQ_INT(own_stack_capacity(), 32 * 1024);
    OWN_FRAME
    {
        CHECK(own_stack_alloc(20 * 1024).ptr != NULL);
        CHECK(own_stack_alloc(20 * 1024).ptr == NULL);
        CHECK_REPORT("stack-overflow", "the stack holds 32768 bytes");
    }
    return TEST_DONE();
}
