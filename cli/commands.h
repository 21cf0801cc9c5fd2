/* commands.h: the subcommands of the `own` command. Each takes the arguments after its name
 * (argv[0] is the subcommand's name) and returns the process exit status. */
#ifndef OWN_CLI_COMMANDS_H
#define OWN_CLI_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

int own_check_main(int argc, char **argv);   /* checker/ (own-check), started by cli/check.c */
int own_explain_main(int argc, char **argv); /* cli/explain.c: docs/errors/KIND.md */
int own_run_main(int argc, char **argv);     /* cli/run.c: a program on the checked heap */

/* What `own run` can tell of a program before it starts it (cli/program.c). ORDINARY: a
 * dynamically linked program, a script, or a name exec will not find (exec then says why).
 * `path` gets the file exec would run. */
enum own_program_kind { OWN_PROGRAM_ORDINARY, OWN_PROGRAM_DIRECTORY, OWN_PROGRAM_STATIC };
enum own_program_kind own_run_program_kind(const char *name, char *path, size_t size);

/* The file at `relative` to the prefix `own` runs from (PREFIX/bin/..), in out, if it is there
 * (cli/beside.c). */
bool own_cli_beside_self(const char *relative, char *out, size_t size);

#endif
