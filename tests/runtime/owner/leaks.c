/* leaks.c: own_leaks lists owned blocks never dropped, grouped by allocation site with counts and
 * bytes, and the same listing is reported at exit (here to the handler, which checks it). */
#include <stdlib.h>
#include <unistd.h>

#include "capture.h"

static int leak_line;
static int exit_failures;

static own_box leak_some(int n, size_t size)
{
    own_box last = {0};
    for (int i = 0; i < n; i++) {
        last = own_new(size);
        leak_line = __LINE__ - 1;
    }
    return last;
}

/* Runs after the library's exit listing (atexit handlers run in reverse order of registration,
 * and this one is registered before the first owned block exists). */
static void after_exit_listing(void)
{
    if (atomic_load(&capture_count) != 1 || strcmp(capture_kind, "leak") != 0 ||
        !strstr(capture_text, "error[leak]: 3 owned blocks (96 bytes) never dropped") ||
        !strstr(capture_text, "3 blocks, 96 bytes")) {
        fprintf(stderr, "exit listing missing or wrong (%d reports):\n%s\n",
                atomic_load(&capture_count), capture_text);
        _exit(1);
    }
    fprintf(stderr, "exit listing checked\n");
    _exit(exit_failures);
}

int main(void)
{
    atexit(after_exit_listing);
    capture_start();
    CHECK_EQ_INT(own_leaks(stdout), 0);
    own_box kept = leak_some(3, 32);
    int first_line = leak_line;
    own_box other = own_new(100);
    int other_line = __LINE__ - 1;
    char text[4096] = {0};
    FILE *out = fmemopen(text, sizeof text, "w");
    CHECK_EQ_INT(own_leaks(out), 4);
    fclose(out);
    CHECK(strstr(text, "error[leak]: 4 owned blocks (196 bytes) never dropped, from 2 allocation "
                       "sites") != NULL);
    CHECK(strstr(text, AT(first_line)) != NULL);
    CHECK(strstr(text, "3 blocks, 96 bytes") != NULL);
    CHECK(strstr(text, AT(other_line)) != NULL);
    CHECK(strstr(text, "1 block, 100 bytes") != NULL);
    /* the biggest group first */
    CHECK(strstr(text, AT(other_line)) < strstr(text, AT(first_line)));
    own_drop(&other);
    (void)kept;
    CHECK_NO_REPORT();
    exit_failures = TEST_DONE();
    return exit_failures;
}
