/* diag.c: the report of one translation unit - findings (deduplicated: the fixed point may meet
 * the same error on several paths), remarks, and the file names they point into. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *const kind_names[CHK_KIND_COUNT] = {
    "use-after-free", "double-free",     "leak",           "use-after-move", "free-non-heap",
    "free-interior",  "mismatched-free", "dangling-stack",
};

static const char *const kind_summaries[CHK_KIND_COUNT] = {
    "a block is read, written or passed on after it was freed",
    "a block is freed twice",
    "an owned block is never freed: its last owner was lost",
    "a handle is used after its ownership was moved away",
    "stack, static or literal memory is handed to free/drop",
    "free of a pointer that is not the start of its block",
    "released by the wrong family (fopen then free, malloc then fclose)",
    "the address of stack memory outlives its frame",
};

const char *chk_kind_name(chk_kind kind)
{
    return kind < CHK_KIND_COUNT ? kind_names[kind] : "unknown";
}

const char *chk_kind_summary(chk_kind kind)
{
    return kind < CHK_KIND_COUNT ? kind_summaries[kind] : "";
}

void chk_report_init(chk_report *r, const char *main_file)
{
    memset(r, 0, sizeof *r);
    r->main_file = main_file;
}

void chk_report_free(chk_report *r)
{
    for (int i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    free(r->findings);
    free(r->remarks);
    free(r->compiler_errors);
    memset(r, 0, sizeof *r);
}

const char *chk_report_intern(chk_report *r, const char *file)
{
    if (!file) file = "";
    for (int i = r->nfiles - 1; i >= 0; i--)
        if (!strcmp(r->files[i], file)) return r->files[i];
    if (r->nfiles == r->capfiles) {
        r->capfiles = r->capfiles ? r->capfiles * 2 : 8;
        r->files = realloc(r->files, (size_t)r->capfiles * sizeof *r->files);
    }
    r->files[r->nfiles] = strdup(file);
    return r->files[r->nfiles++];
}

chk_finding *chk_report_add(chk_report *r, const chk_finding *f)
{
    for (int i = 0; i < r->nfindings; i++) {
        const chk_finding *g = &r->findings[i];
        bool same_block = g->origin.line == f->origin.line && g->origin.col == f->origin.col &&
                          g->origin.file == f->origin.file;
        if (g->kind == f->kind && g->at.line == f->at.line && g->at.col == f->at.col &&
            g->at.file == f->at.file && (same_block || !strcmp(g->message, f->message)))
            return NULL;
    }
    if (r->nfindings == r->capfindings) {
        r->capfindings = r->capfindings ? r->capfindings * 2 : 16;
        r->findings = realloc(r->findings, (size_t)r->capfindings * sizeof *r->findings);
    }
    r->findings[r->nfindings] = *f;
    return &r->findings[r->nfindings++];
}

void chk_report_remark(chk_report *r, chk_loc at, const char *fmt, ...)
{
    chk_remark m = {.at = at};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m.text, sizeof m.text, fmt, ap);
    va_end(ap);
    /* Said once: a function of a recursive cycle is analysed again, and gives up again. */
    for (int i = 0; i < r->nremarks; i++) {
        const chk_remark *g = &r->remarks[i];
        if (g->at.line == at.line && g->at.col == at.col && g->at.file == at.file &&
            strcmp(g->text, m.text) == 0)
            return;
    }
    if (r->nremarks == r->capremarks) {
        r->capremarks = r->capremarks ? r->capremarks * 2 : 8;
        r->remarks = realloc(r->remarks, (size_t)r->capremarks * sizeof *r->remarks);
    }
    r->remarks[r->nremarks++] = m;
}

static int by_place(const void *a, const void *b)
{
    const chk_finding *x = a, *y = b;
    int c = strcmp(x->at.file, y->at.file);
    if (c) return c;
    if (x->at.line != y->at.line) return x->at.line < y->at.line ? -1 : 1;
    if (x->at.col != y->at.col) return x->at.col < y->at.col ? -1 : 1;
    if (x->kind != y->kind) return (int)x->kind - (int)y->kind;
    /* blocks leaked at one place: in the order they were allocated */
    if (x->origin.line != y->origin.line) return x->origin.line < y->origin.line ? -1 : 1;
    return x->origin.col < y->origin.col ? -1 : x->origin.col > y->origin.col;
}

void chk_report_sort(chk_report *r)
{
    if (r->nfindings > 1) qsort(r->findings, (size_t)r->nfindings, sizeof *r->findings, by_place);
}

void chk_report_drop_after(chk_report *r, int nfindings)
{
    if (nfindings < r->nfindings) r->nfindings = nfindings;
}

void chk_report_remove(chk_report *r, int first, int n)
{
    if (n <= 0 || first < 0 || first + n > r->nfindings) return;
    memmove(&r->findings[first], &r->findings[first + n],
            (size_t)(r->nfindings - first - n) * sizeof *r->findings);
    r->nfindings -= n;
}
