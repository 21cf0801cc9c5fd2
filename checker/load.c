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
#include <time.h>
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

/* Drops the empty and "." components of a path, and each ".." with the component before it, so
 * that a command's "./makescan.c" (mawk's build) or "src/../x.c" names the file its entry's "file"
 * names: the source is then not handed to libclang a second time among the flags. Lexical, as
 * the build's own tools see the names; a ".." of a relative path with nothing before it to drop
 * stays. */
static void tidy_path(char *path)
{
    char *base = path + (path[0] == '/'), *w = base;
    const char *r = base;
    while (*r) {
        const char *end = strchr(r, '/');
        size_t len = end ? (size_t)(end - r) : strlen(r);
        char *last_name = w; /* the last component written */
        while (last_name > base && last_name[-1] != '/')
            last_name--;
        bool dot = len == 1 && r[0] == '.', dotdot = len == 2 && r[0] == '.' && r[1] == '.';
        bool last_dotdot = w - last_name == 2 && last_name[0] == '.' && last_name[1] == '.';
        if (dotdot && w > base && !last_dotdot) {
            w = last_name > base ? last_name - 1 : base;
        } else if (dotdot && base > path && w == base) {
            /* the root's parent is the root */
        } else if (len > 0 && !dot) {
            if (w > base) *w++ = '/';
            memmove(w, r, len);
            w += len;
        }
        r += len + (end != NULL);
    }
    if (w == base && base == path) *w++ = '.';
    *w = 0;
}

static char *join_path(const char *dir, const char *p)
{
    char *r;
    if (p[0] == '/' || !dir || !dir[0]) {
        r = strdup(p);
    } else {
        size_t n = strlen(dir) + strlen(p) + 2;
        r = malloc(n);
        if (r) snprintf(r, n, "%s/%s", dir, p);
    }
    if (r) tidy_path(r);
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

/* Whether tu parsed without errors; the compiler's errors go to the report. */
static bool parsed(CXTranslationUnit tu, enum CXErrorCode ec, const char *file, chk_report *report)
{
    if (ec != CXError_Success || !tu) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s: error: %s", file,
                 ec == CXError_Crashed
                     ? "the compiler crashed while parsing this file"
                     : "cannot parse this file (missing, unreadable or bad flags)");
        append(&report->compiler_errors, msg);
        report->unparsable = true;
        return false;
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
    return !report->unparsable;
}

/* Analyses t whole, or, when again, the functions another round concerns, on the path states'
 * arena of this thread, which is kept for the thread's next unit. */
static void analyse(chk_tu *t, bool again)
{
    t->states = thread_states;
    if (again)
        chk_analyse_tu_again(t);
    else
        chk_analyse_tu(t);
    thread_states = t->states;
}

/* A unit alone: parsed, analysed, its findings in order, all else let go. */
static void run_alone(CXTranslationUnit tu, enum CXErrorCode ec, const char *file,
                      chk_report *report, chk_link *link)
{
    if (parsed(tu, ec, file, report)) {
        chk_tu t = {.tu = tu, .report = report, .link = link};
        analyse(&t, false);
        chk_tu_free(&t);
        chk_report_sort(report);
    }
    if (tu) clang_disposeTranslationUnit(tu);
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

void chk_run_job(void *index, const chk_job *job, chk_report *report, chk_link *link)
{
    enum CXErrorCode ec;
    CXTranslationUnit tu = parse(index, job->file, job->args, job->nargs, NULL, 0, &ec);
    run_alone(tu, ec, job->file, report, link);
}

void chk_run_source(void *index, const char *name, const char *text, size_t len,
                    const char *const *args, int nargs, chk_report *report)
{
    struct CXUnsavedFile u = {.Filename = name, .Contents = text, .Length = (unsigned long)len};
    enum CXErrorCode ec;
    CXTranslationUnit tu = parse(index, name, (char *const *)args, nargs, &u, 1, &ec);
    run_alone(tu, ec, name, report, NULL);
}

/* ------------------------------------------------------------------ workers */
/* Units analysed again in a later round keep their parse and their functions' summaries and
 * findings from the round before, so that only the functions the round concerns are analysed
 * again, as long as the parses kept take no more than this share of the machine's memory (at
 * most KEEP_MAX); beyond that a unit is parsed and analysed whole again. */
#define KEEP_SHARE 4
#define KEEP_MAX   ((size_t)4 << 30)

/* Rounds after the first, each analysing again the units that call a function of another unit
 * whose summary, published in the round before, tells them something new. Chains of wrappers
 * across files (a wrapper of a wrapper of malloc) take a round per link; beyond these a call
 * stays one to a function known nothing of. */
#define LATER_ROUNDS 3

typedef struct {
    const chk_jobs *jobs;
    chk_report *reports;
    chk_link *links; /* per job, or NULL when the run has one unit */
    int *order;      /* the jobs of this round, biggest file first */
    int norder;
    int round;
    atomic_int next, done;
    bool progress;           /* a line per file done, on a terminal */
    bool function_progress;  /* a line per few functions done: a run of few, long files */
    _Atomic long long shown; /* when the last such line was written (ms) */
    pthread_mutex_t lock;
    /* A run of several units: the workers' indexes live as long as the parses kept with them. */
    CXIndex *indexes;
    atomic_int worker_slot;
    chk_tu **kept; /* per job: its parse and analysis, kept for the next round, or NULL */
    size_t *kept_bytes;
    atomic_size_t keeping;
    size_t keep_budget; /* set before the first round */
} pool;

static size_t tu_bytes(CXTranslationUnit tu)
{
    CXTUResourceUsage u = clang_getCXTUResourceUsage(tu);
    size_t n = 0;
    for (unsigned i = 0; i < u.numEntries; i++)
        n += u.entries[i].amount;
    clang_disposeCXTUResourceUsage(u);
    return n;
}

/* Keeps job i's unit for the next round if the budget allows. */
static bool keep(pool *p, int i, chk_tu *t)
{
    if (!p->kept || p->round >= LATER_ROUNDS || !t->funcs) return false;
    size_t bytes = tu_bytes(t->tu), before = atomic_fetch_add(&p->keeping, bytes);
    if (before + bytes > p->keep_budget) {
        atomic_fetch_sub(&p->keeping, bytes);
        return false;
    }
    p->kept[i] = t;
    p->kept_bytes[i] = bytes;
    return true;
}

static void drop_unit(chk_tu *t)
{
    chk_tu_free(t);
    clang_disposeTranslationUnit(t->tu);
    free(t);
}

/* One unit of a run of several: the one kept from the last round is analysed again in part;
 * any other is parsed and analysed whole. */
static void run_linked_unit(pool *p, CXIndex index, int i)
{
    chk_link *link = &p->links[i];
    chk_tu *t = p->kept[i];
    if (t) {
        p->kept[i] = NULL;
        atomic_fetch_sub(&p->keeping, p->kept_bytes[i]);
        chk_imports_free(t); /* this round's imports are not the last one's */
        analyse(t, true);
    } else {
        const chk_job *job = &p->jobs->v[i];
        enum CXErrorCode ec = CXError_Success;
        CXTranslationUnit tu = parse(index, job->file, job->args, job->nargs, NULL, 0, &ec);
        if (!parsed(tu, ec, job->file, &p->reports[i]) || !(t = calloc(1, sizeof *t))) {
            if (tu) clang_disposeTranslationUnit(tu);
            return;
        }
        *t = (chk_tu){.tu = tu, .report = &p->reports[i], .link = link};
        link->keep_functions = p->round < LATER_ROUNDS;
        analyse(t, false);
    }
    if (!keep(p, i, t)) drop_unit(t);
}

static void run_unit(pool *p, CXIndex index, int i)
{
    if (p->links)
        run_linked_unit(p, index, i);
    else
        chk_run_job(index, &p->jobs->v[i], &p->reports[i], NULL);
}

/* The unit a worker thread is analysing, for chk_progress_functions. */
static __thread pool *progress_pool;
static __thread int progress_job;

static long long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* A run of a few files says how far into them it is: sqlite's sqlite3.c alone takes most of a
 * minute. At most five lines a second, each in place of the last. */
void chk_progress_functions(int done, int total)
{
    pool *p = progress_pool;
    if (!p || !p->function_progress) return;
    long long now = now_ms(), last = atomic_load(&p->shown);
    if (now - last < 200 || !atomic_compare_exchange_strong(&p->shown, &last, now)) return;
    pthread_mutex_lock(&p->lock);
    fprintf(stderr, "\r\033[K%s: %d of %d functions%s", p->jobs->v[progress_job].file, done, total,
            p->round ? " (again)" : "");
    fflush(stderr);
    pthread_mutex_unlock(&p->lock);
}

static void *worker(void *arg)
{
    pool *p = arg;
    CXIndex index =
        p->indexes ? p->indexes[atomic_fetch_add(&p->worker_slot, 1)] : clang_createIndex(0, 0);
    for (;;) {
        int next = atomic_fetch_add(&p->next, 1);
        if (next >= p->norder) break;
        int i = p->order[next];
        progress_pool = p;
        progress_job = i;
        run_unit(p, index, i);
        progress_pool = NULL;
        int d = atomic_fetch_add(&p->done, 1) + 1;
        if (p->progress) {
            pthread_mutex_lock(&p->lock);
            if (p->round)
                fprintf(stderr, "\r\033[K[again, %d/%d] %s", d, p->norder, p->jobs->v[i].file);
            else
                fprintf(stderr, "\r\033[K[%d/%d] %s", d, p->norder, p->jobs->v[i].file);
            fflush(stderr);
            pthread_mutex_unlock(&p->lock);
        }
    }
    if (!p->indexes) clang_disposeIndex(index);
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

/* Runs the jobs order[0..norder) on nthreads workers. */
static void run_round(pool *p, int nthreads)
{
    atomic_init(&p->next, 0);
    atomic_init(&p->done, 0);
    atomic_init(&p->worker_slot, 0);
    if (nthreads > p->norder) nthreads = p->norder;
    if (nthreads < 1) nthreads = 1;
    pthread_t *t = malloc((size_t)nthreads * sizeof *t);
    int started = 0;
    for (int i = 0; t && i < nthreads; i++)
        if (start_worker(&t[i], p) == 0)
            started++;
        else
            break;
    if (started == 0) worker(p);
    for (int i = 0; i < started; i++)
        pthread_join(t[i], NULL);
    free(t);
}

static size_t keep_budget(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    size_t share = pages > 0 && page > 0 ? (size_t)pages * (size_t)page / KEEP_SHARE : 0;
    return share < KEEP_MAX ? share : KEEP_MAX;
}

/* A run of several units: every unit alone first, publishing its summaries; then the rounds. */
static void run_linked(pool *p, int nthreads)
{
    const chk_jobs *jobs = p->jobs;
    chk_link *links = calloc((size_t)jobs->n, sizeof *links);
    int *all = p->order, *again = malloc((size_t)jobs->n * sizeof *again);
    chk_exports *before = chk_exports_new(), *now = chk_exports_new();
    p->indexes = calloc((size_t)nthreads, sizeof *p->indexes);
    p->kept = calloc((size_t)jobs->n, sizeof *p->kept);
    p->kept_bytes = calloc((size_t)jobs->n, sizeof *p->kept_bytes);
    if (!links || !again || !before || !now || !p->indexes || !p->kept || !p->kept_bytes) {
        free(p->indexes);
        p->indexes = NULL;
        free(p->kept);
        p->kept = NULL;
        run_round(p, nthreads); /* each unit alone, as without memory for more */
        goto out;
    }
    for (int i = 0; i < nthreads; i++)
        p->indexes[i] = clang_createIndex(0, 0);
    atomic_init(&p->keeping, 0);
    p->keep_budget = keep_budget();
    for (int i = 0; i < jobs->n; i++)
        links[i] = (chk_link){.publish = now, .job = i};
    p->links = links;
    run_round(p, nthreads);
    for (int round = 1; round <= LATER_ROUNDS; round++) {
        int n = 0;
        for (int k = 0; k < jobs->n; k++) {
            int i = all[k];
            for (int w = 0; w < links[i].wanted.n && !p->reports[i].unparsable; w++)
                if (chk_exports_changed(before, now, links[i].wanted.v[w])) {
                    again[n++] = i;
                    break;
                }
        }
        if (n == 0) break;
        chk_exports *next = chk_exports_copy(now);
        if (!next) break;
        for (int k = 0; k < n; k++) {
            int i = again[k];
            if (!p->kept[i]) { /* analysed whole again: its findings and wants start afresh */
                chk_report_free(&p->reports[i]);
                chk_report_init(&p->reports[i], jobs->v[i].file);
                chk_names_clear(&links[i].wanted);
            }
            links[i].changed_since = before;
            links[i].imports = now;
            links[i].publish = next;
        }
        p->order = again;
        p->norder = n;
        p->round = round;
        run_round(p, nthreads);
        chk_exports_free(before);
        before = now;
        now = next;
    }
out:
    for (int i = 0; p->kept && i < jobs->n; i++)
        if (p->kept[i]) drop_unit(p->kept[i]);
    /* findings keep the order functions were analysed in until the last round is over */
    for (int i = 0; i < jobs->n; i++)
        chk_report_sort(&p->reports[i]);
    for (int i = 0; p->indexes && i < nthreads; i++)
        clang_disposeIndex(p->indexes[i]);
    free(p->indexes);
    free(p->kept);
    free(p->kept_bytes);
    p->indexes = NULL;
    p->kept = NULL;
    p->kept_bytes = NULL;
    p->order = all;
    p->links = NULL;
    for (int i = 0; links && i < jobs->n; i++)
        chk_names_clear(&links[i].wanted);
    free(links);
    free(again);
    chk_exports_free(before);
    chk_exports_free(now);
}

/* Fewer files than this say how far they are function by function, more file by file. */
#define FEW_FILES 8

void chk_run_jobs(const chk_jobs *jobs, chk_report *reports, int nthreads, bool progress,
                  bool across_files)
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
    pool p = {.jobs = jobs,
              .reports = reports,
              .order = order,
              .norder = jobs->n,
              .progress = progress && jobs->n >= FEW_FILES,
              .function_progress = progress && jobs->n < FEW_FILES};
    pthread_mutex_init(&p.lock, NULL);
    setenv("LIBCLANG_NOTHREADS", "1", 1); /* before any worker reads the environment */
    if (across_files && jobs->n > 1)
        run_linked(&p, nthreads);
    else
        run_round(&p, nthreads);
    if (progress) fputs("\r\033[K", stderr);
    pthread_mutex_destroy(&p.lock);
    free(order);
}
