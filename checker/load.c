/* load.c: translation units for `own check`. Flags come from the command line or from a
 * compilation database read with libclang's own API (as clang-tidy does), so include paths,
 * defines and the C standard are the ones the project compiles with. Each worker thread owns a
 * CXIndex; libclang is safe to use from several threads when indexes are not shared. A file that
 * does not parse is reported with the compiler's own messages and is not analysed. */
#include <clang-c/CXCompilationDatabase.h>
#include <clang-c/Index.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "engine.h"

void chk_jobs_add(chk_jobs *jobs, const char *file, char *const *args, int nargs)
{
    if (jobs->n == jobs->cap) {
        jobs->cap = jobs->cap ? jobs->cap * 2 : 16;
        jobs->v = realloc(jobs->v, (size_t)jobs->cap * sizeof *jobs->v);
    }
    chk_job *j = &jobs->v[jobs->n++];
    j->file = strdup(file);
    j->nargs = nargs;
    j->args = calloc((size_t)nargs + 1, sizeof *j->args);
    for (int i = 0; i < nargs; i++)
        j->args[i] = strdup(args[i]);
}

void chk_jobs_free(chk_jobs *jobs)
{
    for (int i = 0; i < jobs->n; i++) {
        free(jobs->v[i].file);
        for (int a = 0; a < jobs->v[i].nargs; a++)
            free(jobs->v[i].args[a]);
        free(jobs->v[i].args);
    }
    free(jobs->v);
    memset(jobs, 0, sizeof *jobs);
}

static char *join_path(const char *dir, const char *p)
{
    if (p[0] == '/' || !dir || !dir[0]) return strdup(p);
    size_t n = strlen(dir) + strlen(p) + 2;
    char *r = malloc(n);
    snprintf(r, n, "%s/%s", dir, p);
    return r;
}

/* Flags that name a path relative to the command's directory. */
static const char *const path_flags[] = {"-I",       "-iquote",  "-isystem", "-idirafter",
                                         "-include", "-imacros", NULL};

int chk_jobs_from_db(chk_jobs *jobs, const char *build_dir, char *const *only, int nonly)
{
    /* Looked for first: libclang would print its own tooling error before ours. */
    char db_path[4096];
    snprintf(db_path, sizeof db_path, "%s/compile_commands.json", build_dir);
    if (access(db_path, R_OK) != 0) {
        fprintf(stderr,
                "own check: cannot read %s: %s\n"
                "  (CMake writes it with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; for make, run `bear "
                "-- make`)\n",
                db_path, strerror(errno));
        return -1;
    }
    CXCompilationDatabase_Error err;
    CXCompilationDatabase db = clang_CompilationDatabase_fromDirectory(build_dir, &err);
    if (err != CXCompilationDatabase_NoError || !db) {
        fprintf(stderr, "own check: cannot read %s/compile_commands.json\n", build_dir);
        return -1;
    }
    CXCompileCommands cmds = clang_CompilationDatabase_getAllCompileCommands(db);
    unsigned n = clang_CompileCommands_getSize(cmds);
    char **args = malloc(4096 * sizeof *args);
    for (unsigned i = 0; i < n; i++) {
        CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, i);
        CXString dirs = clang_CompileCommand_getDirectory(cmd);
        CXString files = clang_CompileCommand_getFilename(cmd);
        const char *dir = clang_getCString(dirs);
        char *file = join_path(dir, clang_getCString(files));
        bool wanted = nonly == 0;
        for (int o = 0; o < nonly && !wanted; o++) {

            size_t lf = strlen(file), lo = strlen(only[o]);
            wanted = !strcmp(file, only[o]) ||
                     (lf > lo && !strcmp(file + lf - lo, only[o]) && file[lf - lo - 1] == '/');
        }
        for (int j = 0; j < jobs->n && wanted; j++)
            if (!strcmp(jobs->v[j].file, file)) wanted = false; /* one entry per file */
        unsigned na = clang_CompileCommand_getNumArgs(cmd);
        int nargs = 0;
        for (unsigned a = 1; wanted && a < na && nargs < 4000; a++) {
            CXString s = clang_CompileCommand_getArg(cmd, a);
            const char *t = clang_getCString(s);
            if (!strcmp(t, "-c") || !strcmp(t, "-MD") || !strcmp(t, "-MMD")) {
            } else if (!strcmp(t, "-o") || !strcmp(t, "-MF") || !strcmp(t, "-MT") ||
                       !strcmp(t, "-MQ")) {
                a++;
            } else if (!strncmp(t, "-o", 2) && t[2]) {
            } else {
                char *p = join_path(dir, t);
                if (!strcmp(p, file) || !strcmp(t, clang_getCString(files))) {
                    free(p);
                } else {
                    free(p);
                    bool done = false;
                    for (int f = 0; path_flags[f] && !done; f++) {
                        size_t fl = strlen(path_flags[f]);
                        if (!strncmp(t, path_flags[f], fl) && t[fl]) {
                            char *rel = join_path(dir, t + fl);
                            size_t len = fl + strlen(rel) + 1;
                            args[nargs] = malloc(len);
                            snprintf(args[nargs++], len, "%s%s", path_flags[f], rel);
                            free(rel);
                            done = true;
                        } else if (!strcmp(t, path_flags[f]) && a + 1 < na) {
                            args[nargs++] = strdup(t);
                            CXString nx = clang_CompileCommand_getArg(cmd, ++a);
                            args[nargs++] = join_path(dir, clang_getCString(nx));
                            clang_disposeString(nx);
                            done = true;
                        }
                    }
                    if (!done) args[nargs++] = strdup(t);
                }
            }
            clang_disposeString(s);
        }
        if (wanted) chk_jobs_add(jobs, file, args, nargs);
        for (int a = 0; a < nargs; a++)
            free(args[a]);
        free(file);
        clang_disposeString(dirs);
        clang_disposeString(files);
    }
    free(args);
    clang_CompileCommands_dispose(cmds);
    clang_CompilationDatabase_dispose(db);
    return 0;
}

/* ------------------------------------------------------------------ parsing and analysis */
static void append(char **buf, const char *s)
{
    size_t old = *buf ? strlen(*buf) : 0, n = strlen(s);
    *buf = realloc(*buf, old + n + 2);
    memcpy(*buf + old, s, n);
    (*buf)[old + n] = '\n';
    (*buf)[old + n + 1] = 0;
}

/* The path states' arena of this thread, kept from one unit to the next: its pages, faulted in
 * once, serve every file the thread analyses (a worker gives it back when it ends; the arena of
 * a thread that analyses in-memory sources, the fuzz target's, lives as long as the thread). */
static __thread chk_arena thread_states;

static void analyse(CXTranslationUnit tu, enum CXErrorCode ec, const char *file, chk_report *report)
{
    if (ec != CXError_Success || !tu) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: error: %s", file,
                 ec == CXError_Crashed
                     ? "the compiler crashed while parsing this file"
                     : "cannot parse this file (missing, unreadable or bad flags)");
        append(&report->compiler_errors, msg);
        report->unparsable = true;
        return;
    }
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString s = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
            append(&report->compiler_errors, clang_getCString(s));
            clang_disposeString(s);
            report->unparsable = true;
        }
        clang_disposeDiagnostic(d);
    }
    if (!report->unparsable) {
        chk_tu t = {.tu = tu, .report = report, .states = thread_states};
        chk_analyse_tu(&t);
        free(t.sums);
        free(t.sum_index);
        free(t.written);
        thread_states = t.states; /* kept for the thread's next unit */
        chk_report_sort(report);
    }
    clang_disposeTranslationUnit(tu);
}

static const unsigned parse_options =
    CXTranslationUnit_KeepGoing | CXTranslationUnit_IgnoreNonErrorsFromIncludedFiles;

#define MAX_UNKNOWN 16

/* Parses with the flags made fit for libclang (flags.c); options the driver does not know are
 * dropped and the file parsed once more. */
static CXTranslationUnit parse(void *index, const char *file, char *const *args, int nargs,
                               struct CXUnsavedFile *unsaved, unsigned nunsaved,
                               enum CXErrorCode *ec)
{
    const char **fit = malloc(((size_t)nargs + CHK_FLAGS_ADDED + 1) * sizeof *fit);
    char *unknown[MAX_UNKNOWN];
    int nunknown = 0;
    CXTranslationUnit tu = NULL;
    for (int round = 0; round < 2; round++) {
        int n = chk_flags_fit(args, nargs, fit, unknown, nunknown);
        tu = NULL;
        *ec =
            clang_parseTranslationUnit2(index, file, fit, n, unsaved, nunsaved, parse_options, &tu);
        if (*ec != CXError_Success || !tu || round > 0) break;
        if ((nunknown = chk_flags_unknown(tu, unknown, MAX_UNKNOWN)) == 0) break;
        clang_disposeTranslationUnit(tu);
    }
    for (int i = 0; i < nunknown; i++)
        free(unknown[i]);
    free(fit);
    return tu;
}

void chk_run_job(void *index, const chk_job *job, chk_report *report)
{
    enum CXErrorCode ec;
    CXTranslationUnit tu = parse(index, job->file, job->args, job->nargs, NULL, 0, &ec);
    analyse(tu, ec, job->file, report);
}

void chk_run_source(void *index, const char *name, const char *text, size_t len,
                    const char *const *args, int nargs, chk_report *report)
{
    struct CXUnsavedFile u = {.Filename = name, .Contents = text, .Length = (unsigned long)len};
    enum CXErrorCode ec;
    CXTranslationUnit tu = parse(index, name, (char *const *)args, nargs, &u, 1, &ec);
    analyse(tu, ec, name, report);
}

/* ------------------------------------------------------------------ workers */
typedef struct {
    const chk_jobs *jobs;
    chk_report *reports;
    int *order; /* the jobs, biggest file first */
    atomic_int next, done;
    bool progress;
    pthread_mutex_t lock;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    CXIndex index = clang_createIndex(0, 0);
    for (;;) {
        int next = atomic_fetch_add(&p->next, 1);
        if (next >= p->jobs->n) break;
        int i = p->order[next];
        chk_run_job(index, &p->jobs->v[i], &p->reports[i]);
        int d = atomic_fetch_add(&p->done, 1) + 1;
        if (p->progress) {
            pthread_mutex_lock(&p->lock);
            fprintf(stderr, "\r\033[K[%d/%d] %s", d, p->jobs->n, p->jobs->v[i].file);
            fflush(stderr);
            pthread_mutex_unlock(&p->lock);
        }
    }
    clang_disposeIndex(index);
    chk_arena_free(&thread_states);
    return NULL;
}

/* Parsing and visiting recurse once per level of nesting of the source: an expression of 200,000
 * terms (generated code) overflows the 8 MiB stack libclang parses on, and even clang itself
 * crashes on it. libclang is told to parse on the calling thread (LIBCLANG_NOTHREADS), and every
 * worker gets a stack that such input cannot exhaust; only the pages used are ever touched. */
#define WORKER_STACK ((size_t)1 << 30)

static int start_worker(pthread_t *t, pool *p)
{
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return -1;
    int rc = pthread_attr_setstacksize(&attr, WORKER_STACK);
    if (rc == 0) rc = pthread_create(t, &attr, worker, p);
    pthread_attr_destroy(&attr);
    return rc == 0 ? 0 : pthread_create(t, NULL, worker, p);
}

typedef struct {
    off_t size;
    int job;
} sized_job;

static int bigger_first(const void *a, const void *b)
{
    const sized_job *x = a, *y = b;
    if (x->size != y->size) return x->size < y->size ? 1 : -1;
    return x->job - y->job;
}

/* The order in which workers take the jobs: the biggest files first, so that the last file to
 * finish is a small one and the workers end together (a file is the unit of work). */
static int *schedule(const chk_jobs *jobs)
{
    sized_job *sized = malloc((size_t)jobs->n * sizeof *sized);
    int *order = malloc((size_t)jobs->n * sizeof *order);
    if (!sized || !order) {
        free(sized);
        free(order);
        return NULL;
    }
    for (int i = 0; i < jobs->n; i++) {
        struct stat st;
        sized[i] = (sized_job){stat(jobs->v[i].file, &st) == 0 ? st.st_size : 0, i};
    }
    qsort(sized, (size_t)jobs->n, sizeof *sized, bigger_first);
    for (int i = 0; i < jobs->n; i++)
        order[i] = sized[i].job;
    free(sized);
    return order;
}

void chk_run_jobs(const chk_jobs *jobs, chk_report *reports, int nthreads, bool progress)
{
    int *order = schedule(jobs);
    if (!order) {
        /* no memory for the schedule: every report says so, none is silently empty */
        for (int i = 0; i < jobs->n; i++) {
            reports[i].unparsable = true;
            reports[i].compiler_errors = strdup("own check: out of memory\n");
        }
        return;
    }
    pool p = {.jobs = jobs, .reports = reports, .order = order, .progress = progress};
    atomic_init(&p.next, 0);
    atomic_init(&p.done, 0);
    pthread_mutex_init(&p.lock, NULL);
    setenv("LIBCLANG_NOTHREADS", "1", 1); /* before any worker reads the environment */
    if (nthreads > jobs->n) nthreads = jobs->n;
    if (nthreads < 1) nthreads = 1;
    pthread_t *t = malloc((size_t)nthreads * sizeof *t);
    int started = 0;
    for (int i = 0; i < nthreads; i++)
        if (start_worker(&t[i], &p) == 0)
            started++;
        else
            break;
    if (started == 0) worker(&p);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
    if (progress) fputs("\r\033[K", stderr);
    pthread_mutex_destroy(&p.lock);
    free(order);
}
