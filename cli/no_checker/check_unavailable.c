/* check_unavailable.c: `own check` when own was built without libclang. */
#include <stdio.h>

#include "commands.h"

int own_check_main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("own check: this own was built without libclang; install libclang-22-dev (or -19, -16,\n"
          "-14) and rebuild (scripts/install-deps.sh does it).\n",
          stderr);
    return 2;
}
