/* main.c: the `own` command — dispatches to its subcommands. */
#include <stdio.h>
#include <string.h>

#include "commands.h"

struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
};

static const struct command commands[] = {
    {"check", "find ownership errors in C source before it runs (static borrow checker)",
     own_check_main},
    {"run", "run a program, unmodified, on own's checked heap (LD_PRELOAD)", own_run_main},
    {"explain", "explain an error kind: what it means, an example, how to fix it", own_explain_main},
};

static void print_usage(FILE *out)
{
    fputs("usage: own COMMAND [ARGS]\n\n"
          "own brings Rust's ownership and borrowing to C.\n\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\nRun 'own COMMAND --help' for the options of a command.\n", out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        print_usage(stdout);
        return 0;
    }
    if (!strcmp(argv[1], "--version")) {
        puts("own " OWN_VERSION);
        return 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name)) return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "own: unknown command '%s'\n\n", argv[1]);
    print_usage(stderr);
    return 2;
}
