/* check.c: `own check` — starts the static borrow checker, a program of its own installed in
 * LIBEXECDIR/own (checker/command/own_check.c), with the same arguments. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

int own_check_main(int argc, char **argv)
{
    (void)argc;
    char tool[PATH_MAX];
    if (!own_cli_beside_self(OWN_INSTALL_LIBEXECDIR "/own/own-check", tool, sizeof tool)) {
        fputs("own check: this own was built without libclang; install libclang-22-dev (or -19, "
              "-16,\n-14) and rebuild (scripts/install-deps.sh does it).\n",
              stderr);
        return 2;
    }
    execv(tool, argv);
    fprintf(stderr, "own check: cannot start %s: %s\n", tool, strerror(errno));
    return 2;
}
