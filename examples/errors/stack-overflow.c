/* stack-overflow: the waiter's notepads outgrow the thread's stack (64 KiB here). The overflow
 * is reported; nothing is written out of bounds. */
#include <own/own.h>

int main(void)
{
    own_stack_set_capacity(64 * 1024);
    OWN_FRAME
    {
        for (int i = 0; i < 100; i++) {
            own_box notepad = own_stack_alloc(1024);
            if (!notepad.ptr) break; /* error at the 64th: the stack is full */
        }
    }
    return 0;
}
