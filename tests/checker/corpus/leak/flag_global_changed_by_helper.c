// The flag that chose the allocation is reset by a helper of the same file before the test that
// would free the block.
#include <stdlib.h>

static int verbose;

static void quiet(void)
{
    verbose = 0;
}

static void reset(void)
{
    quiet();
}

void report(size_t n)
{
    char *line = NULL;
    if (verbose) line = malloc(n);
    reset();
    if (verbose) free(line);
} // expect: leak
