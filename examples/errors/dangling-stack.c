/* dangling-stack: the waiter's notepad is kept after the waiter's frame was popped. */
#include <string.h>

#include <own/own.h>

static own_box write_note(void)
{
    own_box note;
    OWN_FRAME
    {
        note = own_stack_alloc(32);
        strcpy(own_get(&note), "table 4: soup");
    }
    return note; /* the frame is gone, the note with it */
}

int main(void)
{
    own_box note = write_note();
    char *text = own_get(&note); /* error: its frame was popped */
    (void)text;
    return 0;
}
