/* own_check.c: the checker as a program of its own, which `own check` starts (cli/check.c).
 * libclang and LLVM take half a second and some 50 MiB to load; kept out of the `own` binary,
 * `own run` and `own explain` do not pay for them. */
#include "commands.h"

int main(int argc, char **argv)
{
    argv[0] = "check";
    return own_check_main(argc, argv);
}
