/* run_status.c: under `own run`, tells it how many errors this process reported. own run passes
 * the write end of a pipe in OWN_RUN_STATUS_FD (cli/run.c); when the program ends normally, one
 * line "errors=N repeats=R exitcode=M started=0|1 name=NAME" goes there: R of the N errors
 * repeated one reported before in the run and were not printed (core/report_seen.c), M is
 * OWN_OPTIONS' exitcode, started says whether this process is one the program started rather
 * than the program, and NAME what it runs now (a shell that execs its last command is that
 * command by then). A destructor of the preloaded library runs after the program's exit
 * handlers, so their errors count too; so do those the checked heap finds at exit
 * (checked_exit.c), checked here first. */
#define _GNU_SOURCE
#include <errno.h> /* program_invocation_short_name */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <own/report.h>

#include "core/core.h"
#include "preload/checked.h"

__attribute__((destructor)) static void send_run_status(void)
{
    own__checked_exit();
    const char *fd_text = getenv("OWN_RUN_STATUS_FD");
    if (!fd_text || !*fd_text) return;
    char *end;
    long fd = strtol(fd_text, &end, 10);
    if (*end || fd < 0 || fd > 65535) return;
    char line[320];
    int n =
        snprintf(line, sizeof line, "errors=%lu repeats=%lu exitcode=%d started=%d name=%.200s\n",
                 own_error_count(), own__report_repeats(), own__options()->exitcode,
                 own__started_by_program(), program_invocation_short_name);
    if (n > 0 && write((int)fd, line, (size_t)n) < 0) return; /* own run is gone: nothing to tell */
}
