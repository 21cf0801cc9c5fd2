/* commands.h: the subcommands of the `own` command. Each takes the arguments after its name
 * (argv[0] is the subcommand's name) and returns the process exit status. */
#ifndef OWN_CLI_COMMANDS_H
#define OWN_CLI_COMMANDS_H

int own_check_main(int argc, char **argv);   /* checker/: the static borrow checker */
int own_explain_main(int argc, char **argv); /* cli/explain.c: docs/errors/KIND.md */
int own_run_main(int argc, char **argv);     /* cli/run.c: a program on the checked heap */

#endif
