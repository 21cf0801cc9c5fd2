/* common.c: what the rules share - starting a finding at a place, adding "allocated here" style
 * notes and the path note, naming the variable involved, and handing the finding to the report
 * (only during the reporting pass, so the fixed-point iterations stay silent). */
#include <stdarg.h>
#include <string.h>

#include "../engine.h"

void chk_finding_start(chk_fn *fn, chk_finding *f, chk_kind kind, chk_loc at)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->at = at;
    snprintf(f->function, sizeof f->function, "%s", fn->name);
}

void chk_finding_note(chk_finding *f, chk_loc at, const char *fmt, ...)
{
    if (f->nnotes >= CHK_MAX_NOTES || !at.line) return;
    chk_note *n = &f->notes[f->nnotes++];
    n->at = at;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->label, sizeof n->label, fmt, ap);
    va_end(ap);
}

void chk_finding_site_note(chk_fn *fn, chk_finding *f, int site, const char *label)
{
    if (site < 0 || site >= fn->nsites) return;
    chk_finding_note(f, fn->sites[site].at, "%s", label);
}

/* "when the condition at line 12 is true": the branch under which the site happened, or with
 * invert, its other side (where a block freed at the site was not). Past a label, gotos may have
 * come from inside that branch (tmux's `goto done` from the body of the `if` that also closes the
 * file): its other side is then no path of the finding, and no note is better than a wrong one. */
void chk_finding_path(chk_fn *fn, chk_finding *f, int site, bool invert)
{
    if (f->path[0] || site < 0 || site >= fn->nsites) return;
    unsigned label = fn->cfg.first_label_line;
    if (invert && label && label <= f->at.line) return;
    const chk_site *s = &fn->sites[site];
    if (s->guard_pol < 0 || !s->guard_line) return;
    bool pol = s->guard_pol ^ invert;
    snprintf(f->path, sizeof f->path, "when the condition at line %u is %s", s->guard_line,
             pol ? "true" : "false");
}

void chk_finding_path_from_peers(chk_fn *fn, chk_finding *f, int obj)
{
    for (int i = 0; i < fn->npeers && !f->path[0]; i++) {
        const chk_obj *o = &fn->peers[i].o[obj];
        if (!(o->m & OM_FREED) || (o->m & OM_OWNED) || o->free_site < 0) continue;
        /* only a branch before the finding: one after it freed the block on an earlier trip
         * round a loop, not on a path that joins here */
        if (fn->sites[o->free_site].guard_line < f->at.line)
            chk_finding_path(fn, f, o->free_site, true);
    }
}

void chk_finding_emit(chk_fn *fn, chk_finding *f)
{
    if (!fn->reporting) return;
    chk_report_add(fn->tu->report, f);
}

const char *chk_value_name(chk_fn *fn, CXCursor e, char *buf, size_t n)
{
    int p = chk_place_of(fn, e);
    /* p[i], *p, p->f: name the pointer */
    for (int i = 0; p < 0 && i < 8; i++) {
        CXCursor s = chk_strip(e), kid[2];
        enum CXCursorKind k = clang_getCursorKind(s);
        if (k != CXCursor_ArraySubscriptExpr && k != CXCursor_MemberRefExpr &&
            k != CXCursor_UnaryOperator && k != CXCursor_BinaryOperator)
            break;
        if (chk_children(s, kid, 2) < 1) break;
        e = kid[0];
        p = chk_place_of(fn, e);
    }
    if (p >= 0) {
        snprintf(buf, n, "`%s`", fn->pl[p].name);
        return buf;
    }
    CXCursor s = chk_strip(e);
    if (clang_getCursorKind(s) == CXCursor_UnaryOperator &&
        clang_getCursorUnaryOperatorKind(s) == CXUnaryOperator_AddrOf) {
        CXCursor kid[1];
        if (chk_children(s, kid, 1) == 1 && (p = chk_place_of(fn, kid[0])) >= 0) {
            snprintf(buf, n, "`%s`", fn->pl[p].name);
            return buf;
        }
    }
    snprintf(buf, n, "the block");
    return buf;
}
