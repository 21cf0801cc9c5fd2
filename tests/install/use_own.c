/* use_own.c: a program built against an installed own, the way a user builds one. It uses an owned
 * block (new, exclusive and shared borrows, drop), a plain heap block, and the error handler, so
 * that a wrong header, a missing symbol or an unchecked library shows up as a build or output
 * failure. */
#include <own/own.h>
#include <stdio.h>
#include <string.h>

static const char *last_kind = "none";

static void remember(const own_error *error)
{
    last_kind = error->kind;
}

int main(void)
{
    own_box order = own_new(64);
    own_mut cook = own_borrow_mut(&order);
    strcpy(cook.ptr, "soup");
    own_release(cook);
    own_ref waiter = own_borrow(&order);
    printf("owned: %s\n", (const char *)waiter.ptr);
    own_release(waiter);
    own_drop(&order);

    char *note = own_malloc(32);
    if (!note) return 1;
    snprintf(note, 32, "%zu", own_malloc_usable_size(note) >= 32 ? (size_t)32 : (size_t)0);
    printf("heap: %s bytes\n", note);
    own_free(note);

    /* A second drop is an error the checked library reports; the handler lets the program go on. */
    own_on_error(remember);
    own_drop(&order);
    printf("reported: %s (%lu)\n", last_kind, own_error_count());
    return 0;
}
