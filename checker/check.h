/* check.h: the driver of `own check` - what to analyse (files with flags, or a compilation
 * database), parsing with libclang, and running the analysis of many translation units on
 * worker threads. The CLI in main.c and the fuzz target use it. */
#ifndef OWN_CHECKER_CHECK_H
#define OWN_CHECKER_CHECK_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "engine.h"

typedef struct {
    char *file;  /* absolute or as given */
    char **args; /* compiler flags, without the compiler, -c, -o and the file */
    int nargs;
} chk_job;

typedef struct {
    chk_job *v;
    int n, cap;
} chk_jobs;

void chk_jobs_add(chk_jobs *jobs, const char *file, char *const *args, int nargs);
/* Reads BUILD_DIR/compile_commands.json; when only is non-empty, keeps those files. Returns 0, or
 * -1 with a message on stderr. */
int chk_jobs_from_db(chk_jobs *jobs, const char *build_dir, char *const *only, int nonly);
void chk_jobs_free(chk_jobs *jobs);

/* flags.c: copies the flags in[0..n) to out (room for n + CHK_FLAGS_ADDED), without those that
 * make warnings errors and those named in drop, and adds gcc's leniency; returns how many. */
#define CHK_FLAGS_ADDED 5
int chk_flags_fit(char *const *in, int n, const char **out, char *const *drop, int ndrop);
/* The options the driver did not know, named by its errors on tu (malloc'd); returns how many. */
int chk_flags_unknown(CXTranslationUnit tu, char **names, int max);

/* Summaries of the functions with external linkage of the units analysed in one round, by name,
 * for the units of the next round (exports.c). */
typedef struct chk_exports chk_exports;
chk_exports *chk_exports_new(void);
chk_exports *chk_exports_copy(const chk_exports *from);
void chk_exports_free(chk_exports *x);
/* The summary of `name` in x, when one unit alone defines it and it says something (exports.c);
 * else NULL. */
const char *chk_exports_saying(const chk_exports *x, const char *name);
/* Whether what `name`'s summary tells its callers differs from `before` to `now`. */
bool chk_exports_changed(const chk_exports *before, const chk_exports *now, const char *name);

/* One unit's part in a run of several: the summaries it may import, where it publishes its own,
 * and the functions it called that it does not define (which a later round may bring in). */
typedef struct chk_link {
    const chk_exports *imports;       /* NULL: none */
    const chk_exports *changed_since; /* analysed again in part: the imports of its last round */
    chk_exports *publish;             /* NULL: publish nothing */
    int job;
    bool keep_functions; /* another round may analyse some of its functions again */
    chk_names wanted;    /* what it calls that it has no body for */
} chk_link;
/* Whether the summary of `name` changed from link->changed_since to link->imports. */
bool chk_link_changed(const chk_link *link, const char *name);

/* Analyses one job into report (initialised by the caller), importing and publishing through link
 * (NULL: the unit alone). Thread-safe given its own index. */
void chk_run_job(void *index, const chk_job *job, chk_report *report, chk_link *link);
/* All jobs on nthreads workers; reports[i] belongs to jobs->v[i]. progress: say how far the run
 * is on stderr (a terminal), file by file, or function by function for a few files. across_files: a
 * call into a function another job defines follows its summary (exports.c), at the cost of
 * analysing again the units whose callees' summaries came in. */
void chk_run_jobs(const chk_jobs *jobs, chk_report *reports, int nthreads, bool progress,
                  bool across_files);
/* Called as a unit's functions are analysed: on a terminal, a run of few files says how far it
 * is (load.c). */
void chk_progress_functions(int done, int total);
/* One in-memory source (the fuzz target): parses text as `name` with args and analyses it. */
void chk_run_source(void *index, const char *name, const char *text, size_t len,
                    const char *const *args, int nargs, chk_report *report);

#endif
