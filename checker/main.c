/* main.c: the command line of `own check` - options, the list of translation units, the run,
 * the chosen output format and the exit status (0 clean, 1 findings, 2 bad usage or a file
 * that does not parse). */
#include <clang-c/Index.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "commands.h"

enum { FORMAT_HUMAN, FORMAT_GCC, FORMAT_SARIF };

static void usage(FILE *out)
{
    fputs("usage: own check [OPTIONS] FILE... [-- COMPILER FLAGS]\n"
          "       own check [OPTIONS] -p BUILD_DIR [FILE...]\n\n"
          "Finds ownership errors in C source before it runs: use-after-free, double-free, leak,\n"
          "use-after-move, free-non-heap, free-interior, mismatched-free, dangling-stack.\n\n"
          "options:\n"
          "  -p DIR             read DIR/compile_commands.json; FILEs, if given, select from it\n"
          "                     the files reported on (across files, all are analysed)\n"
          "  --format=FORMAT    human (default), gcc (one line per finding) or sarif (2.1.0)\n"
          "  -j N               analyse N files in parallel (default: the number of cores)\n"
          "  --across-files     follow calls into functions the other files define (a project's\n"
          "                     xmalloc, its list_free, its fatal): finds more, takes longer;\n"
          "                     the default with -p\n"
          "  --file-by-file     analyse each file alone (the default without -p)\n"
          "  --color=WHEN       auto (default), always or never\n"
          "  -h, --help         this text\n\n"
          "exit status: 0 no finding, 1 findings, 2 bad usage or a file that does not parse.\n"
          "`own explain KIND` says what a finding means and how to fix it.\n",
          out);
}

static int bad_usage(const char *fmt, const char *arg)
{
    fputs("own check: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(run 'own check --help' for the options)\n", stderr);
    return 2;
}

/* After the compiler's errors, which may be many or name only a header: which files were left
 * out, so that a run with findings for the others is not read as the whole answer. */
static void note_unparsable(const chk_report *reports, int n, int unparsable)
{
    enum { NAMED = 5 };
    fprintf(stderr, "own check: %d of %d file%s not checked, as %s not parse:", unparsable, n,
            n == 1 ? "" : "s", unparsable == 1 ? "it does" : "they do");
    int named = 0;
    for (int i = 0; i < n && named < NAMED; i++)
        if (reports[i].unparsable)
            fprintf(stderr, "%s %s", named++ ? "," : "", reports[i].main_file);
    if (unparsable > NAMED) fprintf(stderr, " and %d more", unparsable - NAMED);
    fputs("\n   = help: the compiler's errors are above; a missing header or define means the "
          "build's flags are missing: give them after '--', or use -p BUILD_DIR\n",
          stderr);
}

/* Leaves at the front of reports those of the files selected, when some were (the others are
 * let go); returns how many reports to show. */
static int keep_selected(const chk_jobs *jobs, const chk_jobs *selected, chk_report *reports)
{
    if (selected->n == 0) return jobs->n;
    int shown = 0;
    for (int i = 0; i < jobs->n; i++) {
        bool wanted = false;
        for (int k = 0; k < selected->n && !wanted; k++)
            wanted = !strcmp(jobs->v[i].file, selected->v[k].file);
        if (!wanted) {
            chk_report_free(&reports[i]);
            continue;
        }
        chk_report kept = reports[i];
        reports[shown++] = kept;
    }
    return shown;
}

static int parse_jobs(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*end || n < 1 || n > 1024) return -1;
    return (int)n;
}

int own_check_main(int argc, char **argv)
{
    int format = FORMAT_HUMAN, colour = -1, nthreads = 0, across = -1;
    const char *build_dir = NULL;
    char **files = calloc((size_t)argc + 1, sizeof *files);
    int nfiles = 0, flags_at = argc;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            flags_at = i + 1;
            break;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            free(files);
            return 0;
        } else if (!strncmp(a, "--format=", 9) || !strcmp(a, "--format")) {
            const char *f = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : "");
            if (!strcmp(f, "human"))
                format = FORMAT_HUMAN;
            else if (!strcmp(f, "gcc"))
                format = FORMAT_GCC;
            else if (!strcmp(f, "sarif"))
                format = FORMAT_SARIF;
            else {
                free(files);
                return bad_usage("unknown format '%s' (human, gcc or sarif)", f);
            }
        } else if (!strncmp(a, "-j", 2) || !strncmp(a, "--jobs", 6)) {
            const char *n = !strncmp(a, "--jobs=", 7) ? a + 7
                            : (!strcmp(a, "-j") || !strcmp(a, "--jobs"))
                                ? (i + 1 < argc ? argv[++i] : "")
                                : a + 2;
            if ((nthreads = parse_jobs(n)) < 0) {
                free(files);
                return bad_usage("-j wants a number of jobs from 1 to 1024, not '%s'", n);
            }
        } else if (!strcmp(a, "-p") || !strncmp(a, "--build-dir=", 12) || !strncmp(a, "-p", 2)) {
            build_dir = !strcmp(a, "-p") ? (i + 1 < argc ? argv[++i] : NULL)
                        : a[1] == 'p'    ? a + 2
                                         : a + 12;
            if (!build_dir || !build_dir[0]) {
                free(files);
                return bad_usage("%s", "-p wants a build directory");
            }
        } else if (!strncmp(a, "--color=", 8) || !strncmp(a, "--colour=", 9)) {
            const char *w = strchr(a, '=') + 1;
            colour = !strcmp(w, "always") ? 1 : !strcmp(w, "never") ? 0 : -1;
        } else if (!strcmp(a, "--no-color")) {
            colour = 0;
        } else if (!strcmp(a, "--across-files")) {
            across = 1;
        } else if (!strcmp(a, "--file-by-file")) {
            across = 0;
        } else if (a[0] == '-' && a[1]) {
            free(files);
            return bad_usage("unknown option '%s'", a);
        } else {
            files[nfiles++] = argv[i];
        }
    }
    if (!build_dir && nfiles == 0) {
        free(files);
        /* `own check -- a.c -- -I.`: the files went where the compiler flags go */
        for (int i = flags_at; i < argc; i++) {
            size_t n = strlen(argv[i]);
            if (argv[i][0] != '-' && n > 2 && !strcmp(argv[i] + n - 2, ".c"))
                return bad_usage("no input: '%s' comes after '--', where the compiler flags go; "
                                 "put the C files before it",
                                 argv[i]);
        }
        return bad_usage("%s", "no input: give C files or -p BUILD_DIR");
    }
    for (int i = 0; i < nfiles && !build_dir; i++) {
        struct stat sb;
        int rc = 0;
        if (access(files[i], R_OK) != 0 || stat(files[i], &sb) != 0) {
            char msg[4200];
            snprintf(msg, sizeof msg, "cannot read '%s': %s", files[i], strerror(errno));
            rc = bad_usage("%s", msg);
        } else if (S_ISDIR(sb.st_mode)) {
            rc = bad_usage("'%s' is a directory, not a C file (-p reads a build directory)",
                           files[i]);
        }
        if (rc) {
            free(files);
            return rc;
        }
    }

    chk_jobs jobs = {0}, selected = {0};
    if (across < 0) across = build_dir != NULL; /* a project: its files call each other */
    if (build_dir) {
        if (chk_jobs_from_db(&selected, build_dir, files, nfiles) != 0) {
            free(files);
            return 2;
        }
        if (selected.n == 0) {
            free(files);
            chk_jobs_free(&selected);
            return bad_usage("no matching file in %s/compile_commands.json", build_dir);
        }
        /* Across files, the files selected are reported on, but every file of the project is
         * analysed: their functions are what the selected files call. */
        if (nfiles > 0 && across && chk_jobs_from_db(&jobs, build_dir, NULL, 0) != 0) {
            free(files);
            chk_jobs_free(&selected);
            return 2;
        }
        if (jobs.n == 0) {
            jobs = selected;
            selected = (chk_jobs){0};
        }
    } else {
        for (int i = 0; i < nfiles; i++)
            chk_jobs_add(&jobs, files[i], argv + flags_at, argc - flags_at);
    }
    free(files);
    if (nthreads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nthreads = n > 0 ? (int)n : 1;
    }
    bool progress = isatty(2) && format != FORMAT_SARIF;
    chk_report *reports = calloc((size_t)jobs.n, sizeof *reports);
    for (int i = 0; i < jobs.n; i++)
        chk_report_init(&reports[i], jobs.v[i].file);
    chk_run_jobs(&jobs, reports, nthreads, progress, across);
    int shown = keep_selected(&jobs, &selected, reports);
    chk_jobs_free(&selected);

    if (colour < 0) {
        const char *term = getenv("TERM");
        colour = isatty(1) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
    }
    int unparsable = 0, nfindings = 0;
    for (int i = 0; i < shown; i++) {
        if (reports[i].unparsable) {
            fputs(reports[i].compiler_errors ? reports[i].compiler_errors : "", stderr);
            unparsable++;
        }
        nfindings += reports[i].nfindings;
    }
    int status = unparsable ? 2 : nfindings ? 1 : 0;
    for (int i = 0; i < shown; i++) {
        if (format == FORMAT_HUMAN)
            chk_print_human(stdout, &reports[i], colour);
        else if (format == FORMAT_GCC)
            chk_print_gcc(stdout, &reports[i]);
    }
    if (format == FORMAT_SARIF && chk_print_sarif(stdout, reports, shown) != 0) status = 2;
    if (format == FORMAT_HUMAN && nfindings)
        fprintf(stdout, "own check: %d error%s found\n", nfindings, nfindings == 1 ? "" : "s");
    fflush(stdout);
    if (unparsable) note_unparsable(reports, shown, unparsable);
    for (int i = 0; i < shown; i++)
        chk_report_free(&reports[i]);
    free(reports);
    chk_jobs_free(&jobs);
    return status;
}
