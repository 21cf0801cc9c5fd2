/* explain.c: `own explain KIND` — prints the page docs/errors/KIND.md: what the error kind means,
 * a minimal example, the report own gives and how to fix it. The pages are compiled into the
 * binary (cli/explain.cmake), so an installed `own` explains without the source tree. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "error_pages.h"

typedef struct own_error_pages_file page;

enum { EXIT_FAILED = 1, EXIT_USAGE = 2 };

/* Longest kind name a user could mean; anything longer is unknown without further work. */
enum { KIND_MAX = 64 };

static void print_usage(FILE *out)
{
    fputs("usage: own explain KIND\n"
          "       own explain --list\n"
          "\n"
          "Prints what an error kind means, a minimal example that shows it, the report own gives\n"
          "and how to fix it. KIND is the name between the brackets of a report, error[KIND]; the\n"
          "SARIF rule id, own::KIND, works too.\n"
          "\n"
          "options:\n"
          "  --list    list the error kinds, each with what happened\n"
          "  --help    print this help\n",
          out);
}

/* A page's summary is its first paragraph after the "# KIND" title: one line, what happened. */
static void page_summary(const page *p, const char **text, int *length)
{
    const char *s = p->data, *end = p->data + p->size;
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    s = nl ? nl + 1 : end;
    while (s < end && (*s == '\n' || *s == '\r'))
        s++;
    const char *stop = memchr(s, '\n', (size_t)(end - s));
    if (!stop) stop = end;
    *text = s;
    *length = (int)(stop - s);
}

static void print_kinds(FILE *out)
{
    fputs("error kinds ('own explain KIND' prints the page of one):\n", out);
    for (size_t i = 0; i < own_error_pages_count; i++) {
        const char *summary;
        int length;
        page_summary(&own_error_pages[i], &summary, &length);
        fprintf(out, "  %-22s %.*s\n", own_error_pages[i].name, length, summary);
    }
}

static bool starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Accepts a kind in every form a user meets it: KIND in `own explain --list`, error[KIND]: in a
 * report, own::KIND as a SARIF rule id; in any case and with '_' for '-', because people type
 * what they remember. Returns false when the result would not fit. */
static bool normalize_kind(const char *arg, char *out, size_t size)
{
    size_t n = 0;
    char lower[KIND_MAX + 16];
    for (; arg[n] && n < sizeof lower - 1; n++)
        lower[n] = (char)(arg[n] >= 'A' && arg[n] <= 'Z' ? arg[n] - 'A' + 'a' : arg[n]);
    if (arg[n]) return false;
    lower[n] = 0;

    const char *s = lower;
    size_t length = n;
    if (starts_with(s, "own::")) s += 5, length -= 5;
    if (starts_with(s, "error[")) {
        s += 6, length -= 6;
        if (length && s[length - 1] == ':') length--;
        if (length && s[length - 1] == ']') length--;
    }
    if (length >= size) return false;
    for (size_t i = 0; i < length; i++)
        out[i] = s[i] == '_' || s[i] == ' ' ? '-' : s[i];
    out[length] = 0;
    return true;
}

static const page *find_page(const char *kind)
{
    for (size_t i = 0; i < own_error_pages_count; i++)
        if (!strcmp(own_error_pages[i].name, kind)) return &own_error_pages[i];
    return NULL;
}

/* Levenshtein distance: the fewest single-character insertions, deletions and substitutions
 * that turn a into b. Both are at most KIND_MAX characters (normalize_kind sees to it). */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t row[KIND_MAX + 1];
    if (lb > KIND_MAX) return (size_t)-1;
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t above = row[j];
            size_t best = diagonal + (a[i - 1] != b[j - 1]);
            if (above + 1 < best) best = above + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diagonal = above;
        }
    }
    return row[lb];
}

/* "uaf" for use-after-free: the first letter of each word of the kind. */
static bool is_initials(const char *guess, const char *kind)
{
    if (!*guess) return false;
    for (const char *k = kind; *k; k++) {
        if (k != kind && k[-1] != '-') continue;
        if (*guess++ != *k) return false;
    }
    return *guess == 0;
}

/* The kind the user most likely meant: the nearest by edit distance if it is near enough to be a
 * typo (a third of its length, at least 2), else the only kind the guess spells the initials of
 * or is part of; NULL when nothing stands out. */
static const char *closest_kind(const char *guess)
{
    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    for (size_t i = 0; i < own_error_pages_count; i++) {
        const char *name = own_error_pages[i].name;
        size_t d = edit_distance(guess, name), limit = strlen(name) / 3;
        if (limit < 2) limit = 2;
        if (d <= limit && d < best_distance) best = name, best_distance = d;
    }
    if (best) return best;

    const char *only = NULL;
    for (size_t i = 0; i < own_error_pages_count; i++) {
        const char *name = own_error_pages[i].name;
        bool part = strlen(guess) >= 3 && strstr(name, guess);
        if (!part && !is_initials(guess, name)) continue;
        if (only) return NULL; /* more than one: the list that follows shows them all */
        only = name;
    }
    return only;
}

static int unknown_kind(const char *arg, const char *kind)
{
    fprintf(stderr, "own explain: unknown error kind '%s'\n", arg);
    const char *suggestion = *kind ? closest_kind(kind) : NULL;
    if (suggestion)
        fprintf(stderr, "did you mean '%s'? (own explain %s)\n", suggestion, suggestion);
    fputc('\n', stderr);
    print_kinds(stderr);
    return EXIT_USAGE;
}

static int flush_stdout(void)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("own explain: writing the page");
        return EXIT_FAILED;
    }
    return 0;
}

int own_explain_main(int argc, char **argv)
{
    const char *arg = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            print_usage(stdout);
            return flush_stdout();
        }
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--list")) {
            print_kinds(stdout);
            return flush_stdout();
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "own explain: unknown option '%s'\n\n", argv[i]);
            print_usage(stderr);
            return EXIT_USAGE;
        }
        if (arg) {
            fprintf(stderr, "own explain: one error kind at a time (got '%s' and '%s')\n\n", arg,
                    argv[i]);
            print_usage(stderr);
            return EXIT_USAGE;
        }
        arg = argv[i];
    }
    if (!arg) {
        print_usage(stderr);
        fputc('\n', stderr);
        print_kinds(stderr);
        return EXIT_USAGE;
    }

    char kind[KIND_MAX + 1];
    if (!normalize_kind(arg, kind, sizeof kind)) return unknown_kind(arg, "");
    const page *p = find_page(kind);
    if (!p) return unknown_kind(arg, kind);
    fwrite(p->data, 1, p->size, stdout);
    return flush_stdout();
}
