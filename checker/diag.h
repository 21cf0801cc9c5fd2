/* diag.h: findings of `own check` and the three ways to print them (human, gcc, SARIF).
 * The engine fills a chk_report per translation unit; the printers only read it. */
#ifndef OWN_CHECKER_DIAG_H
#define OWN_CHECKER_DIAG_H

#include <stdbool.h>
#include <stdio.h>

typedef enum {
    CHK_USE_AFTER_FREE,
    CHK_DOUBLE_FREE,
    CHK_LEAK,
    CHK_USE_AFTER_MOVE,
    CHK_FREE_NON_HEAP,
    CHK_FREE_INTERIOR,
    CHK_MISMATCHED_FREE,
    CHK_DANGLING_STACK,
    CHK_KIND_COUNT
} chk_kind;

const char *chk_kind_name(chk_kind kind);
const char *chk_kind_summary(chk_kind kind); /* one line, for SARIF rule descriptions */

/* A place in the source: file names are owned by the report (interned), lines and columns are
 * 1-based; len is the width of the caret run (1 when unknown). */
typedef struct {
    const char *file;
    unsigned line, col, len;
} chk_loc;

#define CHK_MAX_NOTES 4

typedef struct {
    chk_loc at;
    char label[128];
} chk_note;

typedef struct {
    chk_kind kind;
    chk_loc at;
    char message[192];
    char label[128];
    char function[64];
    chk_note notes[CHK_MAX_NOTES];
    int nnotes;
    char path[128]; /* "when the condition at line 12 is false", or empty */
    /* A leak: where its block was allocated. Two blocks leaked at one place by two owners are
     * two findings (a return that forgets `a` and `b`); one block met again on another path, or
     * one owner holding blocks of two sites on two paths, is one. */
    chk_loc origin;
} chk_finding;

/* A remark that is not an error: a construct the checker skipped, a function it gave up on. */
typedef struct {
    chk_loc at;
    char text[192];
} chk_remark;

typedef struct {
    const char *main_file;
    chk_finding *findings;
    int nfindings, capfindings;
    chk_remark *remarks;
    int nremarks, capremarks;
    char **files; /* interned file names */
    int nfiles, capfiles;
    char *compiler_errors; /* the compiler's own messages when the file cannot be parsed */
    bool unparsable;
} chk_report;

void chk_report_init(chk_report *r, const char *main_file);
void chk_report_free(chk_report *r);
const char *chk_report_intern(chk_report *r, const char *file);
/* Adds a finding unless one of the same kind, and of the same block or message, is already at
 * the same place; returns it or NULL. */
chk_finding *chk_report_add(chk_report *r, const chk_finding *f);
void chk_report_remark(chk_report *r, chk_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void chk_report_sort(chk_report *r);
void chk_report_drop_after(chk_report *r, int nfindings); /* forget findings added since */
void chk_report_remove(chk_report *r, int first, int n);

void chk_print_human(FILE *out, const chk_report *r, bool colour);
void chk_print_gcc(FILE *out, const chk_report *r);
/* SARIF describes a whole run, so it takes every report at once. Returns 0, or -1 on failure. */
int chk_print_sarif(FILE *out, const chk_report *reports, int nreports);

#endif
