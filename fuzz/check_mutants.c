/* check_mutants.c: `own check` must never crash, whatever it is given. This is the cheap,
 * deterministic half of the fuzzing of the checker, run by CTest in every build: each corpus file
 * is checked as it is and then as a dozen broken variants of itself (truncated, bytes replaced,
 * lines deleted, duplicated or swapped, a brace or parenthesis removed, a name replaced by another,
 * spliced with its neighbour), all drawn from a generator seeded by the file's path, so a failure
 * repeats exactly. Each variant goes through the same path as `own check FILE`: parse, analyse,
 * print in the three formats (to /dev/null). The corpus files themselves must parse, or the test
 * would prove nothing.
 *
 * A crash or a hang (no answer in HANG_SECONDS) fails the run and names the variant; the variant
 * is left on disk as the reproducer, to be run with `own check`.
 *
 * usage: check_mutants [-I DIR]... [--work DIR] [--seed N] [--rounds N] [--shard K/N] PATH...
 * PATH is a .c file or a folder searched for .c files; -I gives include folders of the corpus;
 * --shard K/N takes every Nth file from the Kth (1-based), so N runs share the work. */
#define _GNU_SOURCE
#include <clang-c/Index.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define HANG_SECONDS    60
#define STRINGIFY(x)    #x
#define SECONDS_TEXT(x) STRINGIFY(x)
enum { MAX_ARGS = 64 };

/* ------------------------------------------------------------------ what is checked */
typedef struct {
    char *path; /* as found */
    char *key;  /* path below the PATH argument, which seeds its variants */
    char *text;
    size_t len;
} source;

typedef struct {
    source *v;
    int n, cap;
} sources;

static int by_path(const void *a, const void *b)
{
    return strcmp(((const source *)a)->path, ((const source *)b)->path);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *in = fopen(path, "rb");
    if (!in) return NULL;
    size_t cap = 4096, n = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + n, 1, cap - n, in)) > 0) {
        if ((n += got) < cap) continue;
        char *bigger = realloc(text, cap *= 2);
        if (!bigger) free(text); /* out of memory: the file is skipped, not half-read */
        text = bigger;
    }
    fclose(in);
    *len = n;
    return text;
}

static void add_source(sources *s, const char *path, const char *key)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "check_mutants: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    if (s->n == s->cap)
        s->v = realloc(s->v, (size_t)(s->cap = s->cap ? 2 * s->cap : 64) * sizeof *s->v);
    s->v[s->n++] = (source){strdup(path), strdup(key), text, len};
}

static bool is_c_file(const char *name)
{
    size_t n = strlen(name);
    return n > 2 && !strcmp(name + n - 2, ".c");
}

/* Adds every .c file below dir; key is the path below the PATH argument. */
static void add_folder(sources *s, const char *dir, const char *key)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "check_mutants: cannot open %s: %s\n", dir, strerror(errno));
        exit(2);
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char path[4096], sub[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(sub, sizeof sub, "%s%s%s", key, key[0] ? "/" : "", e->d_name);
        struct stat st;
        if (stat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode))
            add_folder(s, path, sub);
        else if (S_ISREG(st.st_mode) && is_c_file(e->d_name))
            add_source(s, path, sub);
    }
    closedir(d);
}

/* ------------------------------------------------------------------ deterministic variants */
static uint64_t rng;

static uint64_t rng_next(void) /* splitmix64 */
{
    uint64_t z = (rng += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static size_t below(size_t n)
{
    return n ? (size_t)(rng_next() % n) : 0;
}

static uint64_t hash(const char *s, uint64_t seed)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325) ^ seed;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return h;
}

typedef struct {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? 2 * b->cap : 256;
        b->p = realloc(b->p, b->cap);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

/* The lines of a text: line i is text[at[i]] .. text[at[i + 1]] (its newline included). */
typedef struct {
    size_t *at;
    size_t n;
} lines;

static lines split_lines(const char *text, size_t len)
{
    lines l = {malloc((len + 2) * sizeof(size_t)), 0};
    l.at[0] = 0;
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\n') l.at[++l.n] = i + 1;
    if (l.at[l.n] != len) l.at[++l.n] = len;
    return l;
}

/* Characters that change the structure of C most when they appear or vanish. */
static const char structural[] = "{}()[];,*&\"'\\#/\n\t =<>!-+.:?0_";

typedef struct {
    buf text;
    char what[160];
} variant;

static void truncated(variant *m, const source *s, size_t at)
{
    put(&m->text, s->text, at);
    snprintf(m->what, sizeof m->what, "truncated after byte %zu", at);
}

static void bytes_replaced(variant *m, const source *s)
{
    put(&m->text, s->text, s->len);
    size_t k = 1 + below(4);
    int w = snprintf(m->what, sizeof m->what, "bytes replaced at");
    for (size_t i = 0; i < k && m->text.n; i++) {
        size_t at = below(m->text.n);
        m->text.p[at] = below(3) ? structural[below(sizeof structural - 1)] : (char)below(256);
        if (w < (int)sizeof m->what)
            w += snprintf(m->what + w, sizeof m->what - (size_t)w, " %zu", at);
    }
}

static void lines_deleted(variant *m, const source *s)
{
    lines l = split_lines(s->text, s->len);
    bool *gone = calloc(l.n + 1, 1);
    size_t k = 1 + below(3);
    int w = snprintf(m->what, sizeof m->what, "lines deleted:");
    for (size_t i = 0; i < k && l.n; i++) {
        size_t line = below(l.n);
        gone[line] = true;
        if (w < (int)sizeof m->what)
            w += snprintf(m->what + w, sizeof m->what - (size_t)w, " %zu", line + 1);
    }
    for (size_t i = 0; i < l.n; i++)
        if (!gone[i]) put(&m->text, s->text + l.at[i], l.at[i + 1] - l.at[i]);
    free(gone);
    free(l.at);
}

/* Duplicates one line, or swaps two: statements run twice or out of order. */
static void lines_moved(variant *m, const source *s, bool swap)
{
    lines l = split_lines(s->text, s->len);
    size_t a = below(l.n), b = below(l.n);
    for (size_t i = 0; i < l.n; i++) {
        size_t from = i;
        if (swap && i == a)
            from = b;
        else if (swap && i == b)
            from = a;
        put(&m->text, s->text + l.at[from], l.at[from + 1] - l.at[from]);
        if (!swap && i == a) put(&m->text, s->text + l.at[i], l.at[i + 1] - l.at[i]);
    }
    if (swap)
        snprintf(m->what, sizeof m->what, "lines %zu and %zu swapped", a + 1, b + 1);
    else
        snprintf(m->what, sizeof m->what, "line %zu duplicated", a + 1);
    free(l.at);
}

/* Removes one brace or parenthesis: blocks and calls no longer balance. */
static void bracket_removed(variant *m, const source *s)
{
    size_t count = 0;
    for (size_t i = 0; i < s->len; i++)
        count += strchr("{}()", s->text[i]) && s->text[i];
    size_t pick = below(count), at = s->len;
    for (size_t i = 0, seen = 0; i < s->len; i++)
        if (s->text[i] && strchr("{}()", s->text[i]) && seen++ == pick) {
            at = i;
            break;
        }
    put(&m->text, s->text, at);
    if (at < s->len) put(&m->text, s->text + at + 1, s->len - at - 1);
    snprintf(m->what, sizeof m->what, "'%c' at byte %zu removed", at < s->len ? s->text[at] : '?',
             at);
}

/* The first lines of one file followed by the last lines of another. */
static void spliced(variant *m, const source *s, const source *other)
{
    lines a = split_lines(s->text, s->len), b = split_lines(other->text, other->len);
    size_t cut_a = below(a.n + 1), cut_b = below(b.n + 1);
    put(&m->text, s->text, a.at[cut_a]);
    put(&m->text, other->text + b.at[cut_b], other->len - b.at[cut_b]);
    snprintf(m->what, sizeof m->what, "lines 1-%zu, then %s from line %zu", cut_a, other->key,
             cut_b + 1);
    free(a.at);
    free(b.at);
}

/* One use of a name replaced by another name of the file: still C, most of the time, so the
 * analysis (not only the parser) meets owners that are freed, moved or returned in odd places. */
static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(char c)
{
    return is_name_start(c) || (c >= '0' && c <= '9');
}

static void name_replaced(variant *m, const source *s)
{
    size_t count = 0;
    for (size_t i = 0; i < s->len; i++)
        if (is_name_start(s->text[i]) && (i == 0 || !is_name_char(s->text[i - 1]))) count++;
    size_t victim = below(count), donor = below(count), seen = 0;
    size_t v_at = s->len, v_len = 0, d_at = 0, d_len = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (!is_name_start(s->text[i]) || (i > 0 && is_name_char(s->text[i - 1]))) continue;
        size_t n = 1;
        while (i + n < s->len && is_name_char(s->text[i + n]))
            n++;
        if (seen == victim) v_at = i, v_len = n;
        if (seen == donor) d_at = i, d_len = n;
        seen++;
    }
    put(&m->text, s->text, v_at);
    put(&m->text, s->text + d_at, d_len);
    if (v_at < s->len) put(&m->text, s->text + v_at + v_len, s->len - v_at - v_len);
    snprintf(m->what, sizeof m->what, "'%.*s' at byte %zu replaced by '%.*s'",
             (int)(v_len < 40 ? v_len : 40), s->text + v_at, v_at, (int)(d_len < 40 ? d_len : 40),
             s->text + d_at);
}

typedef enum {
    CUT,
    REPLACE_BYTES,
    DELETE_LINES,
    DUPLICATE_LINE,
    SWAP_LINES,
    REMOVE_BRACKET,
    REPLACE_NAME,
    SPLICE
} variant_kind;

/* The variants of one round, in order. Deleting, repeating and renaming keep many files valid C,
 * which reaches the analysis; cutting and corrupting bytes mostly exercise the parse-error path. */
static const variant_kind one_round[] = {
    CUT,          CUT,          REPLACE_BYTES,  REPLACE_BYTES, DELETE_LINES,
    DELETE_LINES, DELETE_LINES, DUPLICATE_LINE, SWAP_LINES,    REMOVE_BRACKET,
    REPLACE_NAME, REPLACE_NAME, SPLICE};

static void make_variant(variant *m, variant_kind kind, const source *s, const source *other)
{
    m->text.n = 0;
    put(&m->text, "", 0);
    switch (kind) {
    case CUT:
        truncated(m, s, below(s->len + 1));
        break;
    case REPLACE_BYTES:
        bytes_replaced(m, s);
        break;
    case DELETE_LINES:
        lines_deleted(m, s);
        break;
    case DUPLICATE_LINE:
        lines_moved(m, s, false);
        break;
    case SWAP_LINES:
        lines_moved(m, s, true);
        break;
    case REMOVE_BRACKET:
        bracket_removed(m, s);
        break;
    case REPLACE_NAME:
        name_replaced(m, s);
        break;
    case SPLICE:
        spliced(m, s, other);
        break;
    }
}

/* ------------------------------------------------------------------ running the checker */
static const char *args[MAX_ARGS + 1]; /* and one for the folder of the file checked */
static int nargs;
static char mutant_path[4096];
static FILE *devnull;

/* What a fatal signal prints: made before each run, since the handler may only write(). */
static char crash_note[8192];
static size_t crash_note_len;
static struct sigaction previous[32];

static void note_current(const source *s, const char *what)
{
    int n = snprintf(crash_note, sizeof crash_note,
                     " on %s (%s)\n"
                     "  the input is kept in %s; to reproduce:\n"
                     "  own check --format=gcc %s --",
                     s->path, what, mutant_path, mutant_path);
    for (int i = 0; i < nargs && n < (int)sizeof crash_note; i++)
        n += snprintf(crash_note + n, sizeof crash_note - (size_t)n, " %s", args[i]);
    if (n < (int)sizeof crash_note)
        n += snprintf(crash_note + n, sizeof crash_note - (size_t)n, "\n");
    crash_note_len = n < (int)sizeof crash_note ? (size_t)n : sizeof crash_note - 1;
}

static void on_fatal(int sig)
{
    static const char crashed[] = "\ncheck_mutants: `own check` crashed";
    static const char hung[] =
        "\ncheck_mutants: `own check` hung (" SECONDS_TEXT(HANG_SECONDS) " s)";
    if (sig == SIGALRM)
        (void)!write(2, hung, sizeof hung - 1);
    else
        (void)!write(2, crashed, sizeof crashed - 1);
    (void)!write(2, crash_note, crash_note_len);
    if (sig == SIGALRM) _exit(3);
    /* Hand the signal on to whoever had it (the sanitizers print their report). */
    sigaction(sig, &previous[sig], NULL);
    raise(sig);
}

static void catch_fatal_signals(void)
{
    static const int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGALRM};
    struct sigaction sa = {0};
    sa.sa_handler = on_fatal;
    sa.sa_flags = SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        sigaction(sigs[i], &sa, &previous[sigs[i]]);
}

typedef struct {
    long runs, analysed, unparsable, findings;
} tally;

/* Checks text as `own check` would; returns whether it parsed. */
static bool check_text(CXIndex index, const source *s, const char *what, const char *text,
                       size_t len, tally *t)
{
    /* On disk too: the human format reads the source lines back from the file. */
    FILE *out = fopen(mutant_path, "wb");
    if (!out || fwrite(text, 1, len, out) != len || fclose(out) != 0) {
        fprintf(stderr, "check_mutants: cannot write %s: %s\n", mutant_path, strerror(errno));
        exit(2);
    }
    note_current(s, what);
    chk_report report;
    chk_report_init(&report, mutant_path);
    /* the mutant lives elsewhere: `#include "local.h"` still finds the original's neighbours */
    char beside[4200];
    const char *slash = strrchr(s->path, '/');
    snprintf(beside, sizeof beside, "-iquote%.*s", slash ? (int)(slash - s->path) : 1,
             slash ? s->path : ".");
    args[nargs] = beside;
    alarm(HANG_SECONDS);
    chk_run_source(index, mutant_path, text, len, args, nargs + 1, &report);
    chk_print_human(devnull, &report, true);
    chk_print_gcc(devnull, &report);
    chk_print_sarif(devnull, &report, 1);
    alarm(0);
    bool parsed = !report.unparsable;
    t->runs++;
    t->analysed += parsed;
    t->unparsable += !parsed;
    t->findings += report.nfindings;
    chk_report_free(&report);
    return parsed;
}

/* mkdir -p */
static void make_folders(const char *path)
{
    char p[4096];
    snprintf(p, sizeof p, "%s", path);
    for (char *slash = p + 1; (slash = strchr(slash, '/')); slash++) {
        *slash = 0;
        mkdir(p, 0777);
        *slash = '/';
    }
    mkdir(p, 0777);
}

static void usage(void)
{
    fputs("usage: check_mutants [-I DIR]... [--work DIR] [--seed N] [--rounds N] [--shard K/N] "
          "PATH...\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *work = ".";
    uint64_t seed = 1;
    long rounds = 1;
    int shard = 1, nshards = 1;
    sources all = {0};
    static char include_args[MAX_ARGS][4200];
    args[nargs++] = "-std=gnu11";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-I") && i + 1 < argc && nargs < MAX_ARGS) {
            snprintf(include_args[nargs], sizeof include_args[nargs], "-I%s", argv[++i]);
            args[nargs] = include_args[nargs];
            nargs++;
        } else if (!strcmp(a, "--work") && i + 1 < argc) {
            work = argv[++i];
        } else if (!strcmp(a, "--seed") && i + 1 < argc) {
            seed = strtoull(argv[++i], NULL, 0);
        } else if (!strcmp(a, "--shard") && i + 1 < argc) {
            if (sscanf(argv[++i], "%d/%d", &shard, &nshards) != 2 || nshards < 1 || shard < 1 ||
                shard > nshards)
                usage();
        } else if (!strcmp(a, "--rounds") && i + 1 < argc) {
            rounds = strtol(argv[++i], NULL, 0);
        } else if (a[0] == '-') {
            usage();
        } else {
            struct stat st;
            if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
                /* The folder's own name starts the keys, wherever the folder is. */
                char dir[4096];
                snprintf(dir, sizeof dir, "%s", a);
                for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
                    dir[n - 1] = 0;
                const char *base = strrchr(dir, '/');
                add_folder(&all, dir, base && base[1] ? base + 1 : dir);
            } else {
                add_source(&all, a, a);
            }
        }
    }
    if (all.n == 0) usage();
    qsort(all.v, (size_t)all.n, sizeof *all.v, by_path);
    make_folders(work);
    snprintf(mutant_path, sizeof mutant_path, "%s/mutant.c", work);
    devnull = fopen("/dev/null", "w");
    if (!devnull) return 2;
    catch_fatal_signals();

    CXIndex index = clang_createIndex(0, 0);
    tally t = {0};
    int bad_originals = 0;
    variant m = {0};
    int nchecked = 0;
    for (int f = shard - 1; f < all.n; f += nshards, nchecked++) {
        const source *s = &all.v[f];
        if (!check_text(index, s, "unchanged", s->text, s->len, &t)) {
            fprintf(stderr, "check_mutants: %s does not parse with these flags\n", s->path);
            bad_originals++;
        }
        for (long r = 0; r < rounds; r++) {
            rng = hash(s->key, seed + (uint64_t)r);
            for (size_t k = 0; k < sizeof one_round / sizeof one_round[0]; k++) {
                make_variant(&m, one_round[k], s, &all.v[(f + 1) % all.n]);
                check_text(index, s, m.what, m.text.p, m.text.n, &t);
            }
        }
    }
    clang_disposeIndex(index);
    remove(mutant_path);
    printf("check_mutants: %d files, %ld runs: %ld analysed (%ld findings), %ld did not parse; "
           "no crash, no hang\n",
           nchecked, t.runs, t.analysed, t.findings, t.unparsable);
    free(m.text.p);
    for (int f = 0; f < all.n; f++) {
        free(all.v[f].path);
        free(all.v[f].key);
        free(all.v[f].text);
    }
    free(all.v);
    fclose(devnull);
    return bad_originals ? 1 : 0;
}
