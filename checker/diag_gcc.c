/* diag_gcc.c: --format=gcc, one line per finding as compilers print them, so editors and CI
 * annotations pick them up: `file:line:col: error: message [own::KIND]`. Remarks are notes. */
#include "diag.h"

void chk_print_gcc(FILE *out, const chk_report *r)
{
    for (int i = 0; i < r->nfindings; i++) {
        const chk_finding *f = &r->findings[i];
        fprintf(out, "%s:%u:%u: error: %s%s%s [own::%s]\n", f->at.file, f->at.line, f->at.col,
                f->message, f->path[0] ? " " : "", f->path, chk_kind_name(f->kind));
    }
    for (int i = 0; i < r->nremarks; i++) {
        const chk_remark *m = &r->remarks[i];
        fprintf(out, "%s:%u:%u: note: %s\n", m->at.file, m->at.line, m->at.col, m->text);
    }
}
