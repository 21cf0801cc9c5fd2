/* leak: orders taken and never dropped — a random paper left on the heap. Listed at exit,
 * grouped by where they were allocated. */
#include <own/own.h>

static void take_order(int table)
{
    own_box ticket = own_new(32 + (size_t)table);
    (void)ticket; /* error at exit: never dropped, and the handle is lost */
}

int main(void)
{
    for (int table = 0; table < 3; table++) take_order(table);
    own_box forgotten = own_new(100);
    (void)forgotten;
    return 0;
}
