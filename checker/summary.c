/* summary.c: the functions of one translation unit, analysed bottom-up. Each definition in the main
 * file gets a CFG and a dataflow run; its exit states become a summary that its callers use: what
 * it returns, and its effects on every place a caller can name (a parameter, `*out`, `b->data`, a
 * global) - the block there freed or kept, and what the place holds afterwards. Callees come first
 * (a post-order of the call graph); a function that met a callee without a summary yet - recursion
 * - is run again once all summaries exist, and its earlier findings are replaced. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "engine.h"

typedef struct {
    CXCursor decl;
    char name[64];
    int *callees;
    int ncallees, capcallees;
    chk_names outside; /* the functions it calls that this unit has no body for */
    int first_finding, nfindings;
    bool done, visiting;
} fn_rec;

/* The functions of a unit, in the order they were analysed; kept in the unit (chk_tu.funcs)
 * when another round may analyse some of them again (exports.c). */
typedef struct chk_funcs {
    fn_rec *f;
    int n, cap;
    chk_tu *tu;
    int *order, norder; /* post-order of the call graph */
} fn_list;

static const char *summary_name(const void *tu, int i)
{
    return ((const chk_tu *)tu)->sums[i].name;
}

chk_summary *chk_summary_find(chk_tu *tu, const char *name)
{
    if (!tu->sum_slots || !name[0]) return NULL;
    int i;
    chk_index_slot(tu->sum_index, tu->sum_slots, name, summary_name, tu, &i);
    return i >= 0 ? &tu->sums[i] : NULL;
}

static void summary_add(chk_tu *tu, const char *name)
{
    int found;
    unsigned s = chk_index_slot(tu->sum_index, tu->sum_slots, name, summary_name, tu, &found);
    if (found >= 0) return;
    chk_summary *sum = &tu->sums[tu->nsums];
    memset(sum, 0, sizeof *sum);
    snprintf(sum->name, sizeof sum->name, "%s", name);
    sum->pending = true;
    tu->sum_index[s] = ++tu->nsums;
}

/* ------------------------------------------------------------------ collecting functions */
static enum CXChildVisitResult collect_fn(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    fn_list *l = d;
    if (clang_getCursorKind(c) != CXCursor_FunctionDecl || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 32;
        l->f = realloc(l->f, (size_t)l->cap * sizeof *l->f);
    }
    fn_rec *r = &l->f[l->n++];
    memset(r, 0, sizeof *r);
    r->decl = c;
    CXString s = clang_getCursorSpelling(c);
    snprintf(r->name, sizeof r->name, "%s", clang_getCString(s));
    clang_disposeString(s);
    return CXChildVisit_Continue;
}

static int fn_index(fn_list *l, const char *name)
{
    chk_summary *s = chk_summary_find(l->tu, name);
    return s ? (int)(s - l->tu->sums) : -1;
}

typedef struct {
    fn_list *l;
    fn_rec *r;
} callee_ctx;

/* ------------------------------------------------------------------ globals never changed */
static void note_written(chk_tu *tu, CXCursor operand)
{
    CXCursor e = chk_strip(operand);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr) return;
    CXCursor ref = clang_getCursorReferenced(e);
    if (clang_getCursorKind(ref) != CXCursor_VarDecl) return;
    if (tu->nwritten == tu->capwritten) {
        tu->capwritten = tu->capwritten ? tu->capwritten * 2 : 16;
        tu->written = realloc(tu->written, (size_t)tu->capwritten * sizeof *tu->written);
    }
    tu->written[tu->nwritten++] = chk_node(clang_getCanonicalCursor(ref));
}

static void note_writes(chk_tu *tu, CXCursor c)
{
    enum CXCursorKind k = clang_getCursorKind(c);
    CXCursor kid[2];
    if ((k == CXCursor_BinaryOperator &&
         clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign) ||
        k == CXCursor_CompoundAssignOperator) {
        if (chk_children(c, kid, 2) >= 1) note_written(tu, kid[0]);
    } else if (k == CXCursor_UnaryOperator) {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        if (op != CXUnaryOperator_Deref && op != CXUnaryOperator_LNot &&
            op != CXUnaryOperator_Minus && op != CXUnaryOperator_Plus &&
            op != CXUnaryOperator_Not && chk_children(c, kid, 1) == 1)
            note_written(tu, kid[0]); /* &g, g++, --g */
    }
}

bool chk_global_is_literal(const chk_tu *tu, CXCursor decl)
{
    if (clang_getCursorLinkage(decl) != CXLinkage_Internal) return false;
    const void *node = chk_node(clang_getCanonicalCursor(decl));
    for (int i = 0; i < tu->nwritten; i++)
        if (tu->written[i] == node) return false;
    CXCursor kid[4];
    int n = chk_children(decl, kid, 4);
    for (int i = n < 4 ? n - 1 : 3; i >= 0; i--)
        if (clang_isExpression(clang_getCursorKind(kid[i])))
            return clang_getCursorKind(chk_strip(kid[i])) == CXCursor_StringLiteral;
    return false;
}

static enum CXChildVisitResult collect_calls(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    callee_ctx *x = d;
    note_writes(x->l->tu, c);
    if (clang_getCursorKind(c) == CXCursor_CallExpr) {
        CXCursor callee = clang_getCursorReferenced(c);
        if (clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
            CXString s = clang_getCursorSpelling(callee);
            int i = fn_index(x->l, clang_getCString(s));
            fn_rec *r = x->r;
            if (i >= 0) {
                if (r->ncallees == r->capcallees) {
                    r->capcallees = r->capcallees ? r->capcallees * 2 : 8;
                    r->callees = realloc(r->callees, (size_t)r->capcallees * sizeof *r->callees);
                }
                r->callees[r->ncallees++] = i;
            } else if (x->l->tu->link) {
                chk_names_add(&r->outside, clang_getCString(s));
            }
            clang_disposeString(s);
        }
    }
    return CXChildVisit_Recurse;
}

/* Post-order of the call graph, without recursion in C (deep call chains are data here). */
static int post_order(fn_list *l, int *order)
{
    int n = 0;
    int *stack = malloc((size_t)l->n * 2 * sizeof *stack);
    for (int root = 0; root < l->n; root++) {
        if (l->f[root].done) continue;
        int sp = 0;
        stack[sp++] = root;
        stack[sp++] = 0;
        l->f[root].visiting = true;
        while (sp > 0) {
            int f = stack[sp - 2], *next = &stack[sp - 1];
            fn_rec *r = &l->f[f];
            if (*next < r->ncallees) {
                int c = r->callees[(*next)++];
                if (!l->f[c].done && !l->f[c].visiting && sp + 2 <= l->n * 2) {
                    l->f[c].visiting = true;
                    stack[sp++] = c;
                    stack[sp++] = 0;
                }
                continue;
            }
            r->done = true;
            r->visiting = false;
            order[n++] = f;
            sp -= 2;
        }
    }
    free(stack);
    return n;
}

/* ------------------------------------------------------------------ one function */
const chk_effect *chk_summary_deref_effect(const chk_summary *s, int param)
{
    for (int i = 0; i < s->neff; i++)
        if (s->eff[i].param == param && s->eff[i].nsteps == 1 &&
            clang_Cursor_isNull(s->eff[i].field[0]))
            return &s->eff[i];
    return NULL;
}

/* The root and steps of place p; false when it is not rooted at a parameter or a global, or its
 * path is too long to describe. */
static bool effect_path(const chk_fn *fn, int p, chk_effect *e)
{
    int chain[CHK_SUM_PATH + 1], n = 0;
    while (p >= 0 && fn->pl[p].kind != PL_VAR) {
        if (n == CHK_SUM_PATH || fn->pl[p].kind == PL_ELEM) return false;
        chain[n++] = p;
        p = fn->pl[p].base;
    }
    if (p < 0) return false;
    const chk_place *root = &fn->pl[p];
    if (!root->param && !root->global) return false;
    e->param = (int8_t)(root->param ? root->param_index : -1);
    if (root->param && (root->param_index < 0 || root->param_index >= 32)) return false;
    e->root = root->decl;
    e->nsteps = (uint8_t)n;
    for (int i = 0; i < n; i++) {
        const chk_place *st = &fn->pl[chain[n - 1 - i]];
        e->field[i] = st->kind == PL_DEREF ? clang_getNullCursor() : st->decl;
        e->arrow[i] = st->kind == PL_DEREF || st->arrow;
    }
    return true;
}

enum { K_SAME, K_NULL, K_NEW, K_MOVED, K_OTHER };

static int after_kind(const chk_fn *fn, const chk_state *st, int p)
{
    chk_val v = st->v[p];
    if (v.m & VM_MOVED) return K_MOVED;
    if (chk_val_null_only(v)) return K_NULL;
    if (!(v.m & VM_OBJ) || (v.m & (VM_UNKNOWN | VM_INTERIOR))) return K_OTHER;
    if (v.obj == chk_entry_obj(fn, p)) return K_SAME;
    if (!chk_obj_is_local(fn, v.obj) || (st->o[v.obj].m & (OM_OWNED | OM_ESCAPED)) != OM_OWNED)
        return K_OTHER;
    /* a new block the caller gets in one place only: held elsewhere too, it is not its owner */
    for (int i = 1; i < fn->np; i++)
        if (i != p && (st->v[i].m & VM_OBJ) && st->v[i].obj == v.obj &&
            chk_place_caller_visible(fn, i))
            return K_OTHER;
    return K_NEW;
}

/* The result tells success from failure when it does so on every path: negative (or nonzero)
 * exactly where the place did not get its new block, or zero (NULL) there and something that may
 * not be zero elsewhere (`name = make_temp(&stream)`: NULL when the stream was not opened, or
 * `p = grow(&buf)`, the very block buf got). A new block of its own in the result is not a
 * status: the caller follows it as a block, unless it escaped (nano's safe_tempfile hands its
 * name to a function it has no body for). */
static int status_of(const chk_fn *fn, int p)
{
    bool neg = true, nonzero = true, zero = true;
    for (int i = 0; i < fn->nexit; i++) {
        chk_state st = chk_exit_state(fn, i);
        bool ok = after_kind(fn, &st, p) == K_NEW;
        chk_val r = st.v[0];
        int truth = chk_val_truth(r);
        if (ok) {
            neg &= r.m == VM_INT && r.k >= 0;
            nonzero &= truth == 0;
            zero &=
                !chk_val_null_only(r) && !((r.m & VM_OBJ) && chk_obj_is_local(fn, r.obj) &&
                                           r.obj != st.v[p].obj && !(st.o[r.obj].m & OM_ESCAPED));
        } else {
            neg &= r.m == VM_INT && r.k < 0;
            nonzero &= truth == 1;
            zero &= chk_val_null_only(r);
        }
    }
    return neg ? STATUS_NEGATIVE : nonzero ? STATUS_NONZERO : zero ? STATUS_ZERO : 0;
}

static void summarise_place(chk_fn *fn, chk_summary *s, int p)
{
    const chk_place *pl = &fn->pl[p];
    chk_effect e;
    memset(&e, 0, sizeof e);
    if (!pl->pointer || pl->local_array || !effect_path(fn, p, &e)) return;
    int obj = chk_entry_obj(fn, p);
    bool live = false, freed = false, escaped = false;
    int seen[K_OTHER + 1] = {0}, seen_free = 0;
    for (int i = 0; i < fn->nexit; i++) {
        chk_state st = chk_exit_state(fn, i);
        uint8_t m = st.o[obj].m;
        live |= (m & OM_LIVE) != 0;
        freed |= (m & OM_FREED) != 0;
        escaped |= (m & OM_ESCAPED) != 0;
        int k = after_kind(fn, &st, p);
        seen[k]++;
        if (k == K_NEW && !e.fam) e.fam = st.o[st.v[p].obj].fam;
        if ((m & OM_FREED) && !seen_free++)
            e.free_off = st.o[obj].free_off;
        else if ((m & OM_FREED) && e.free_off != st.o[obj].free_off)
            e.free_off = CHK_OFF_UNKNOWN;
    }
    if (freed && !live && !escaped)
        e.fate = FATE_FREED;
    else if (escaped || freed)
        e.fate = FATE_KEPT;
    e.after = AFTER_SAME;
    if (chk_place_caller_visible(fn, p)) {
        int n = fn->nexit;
        if (seen[K_SAME] == n)
            e.after = AFTER_SAME;
        else if (seen[K_NULL] == n)
            e.after = AFTER_NULL;
        else if (seen[K_MOVED] == n)
            e.after = AFTER_MOVED;
        else if (seen[K_NEW] && !seen[K_MOVED] && !seen[K_OTHER] && !s->status_kind &&
                 (s->status_kind = (uint8_t)status_of(fn, p))) {
            e.after = AFTER_NEW; /* the result says whether it was made */
            e.status = true;
            e.nullable = seen[K_NULL] > 0; /* and so does the place itself */
        } else if (seen[K_NEW] && seen[K_NEW] + seen[K_NULL] == n) {
            e.after = AFTER_NEW;
            e.nullable = seen[K_NULL] > 0;
        } else {
            e.after = AFTER_UNKNOWN;
        }
    }
    e.used = fn->entry_used && fn->entry_used[p];
    if (e.fate == FATE_NONE && e.after == AFTER_SAME && !e.used) return;
    if (s->neff == CHK_MAX_EFFECTS) {
        s->overflow = true;
        return;
    }
    s->eff[s->neff++] = e;
}

/* Whether a place the caller sees, other than the result, holds block `obj` at this exit. */
static bool held_by_caller(const chk_fn *fn, const chk_state *st, int obj)
{
    for (int i = 1; i < fn->np; i++)
        if ((st->v[i].m & VM_OBJ) && st->v[i].obj == obj && chk_place_caller_visible(fn, i))
            return true;
    return false;
}

static void summarise_return(chk_fn *fn, chk_summary *s)
{
    int ret = -2, ret_param = -1, fam = 0;
    bool nullable = false, any_off = false;
    int32_t off = 0;
    for (int i = 0; i < fn->nexit; i++) {
        chk_state st = chk_exit_state(fn, i);
        chk_val v = st.v[0];
        int r;
        if (chk_val_null_only(v)) {
            nullable = true;
            r = ret == -2 ? RET_NULL : ret;
        } else if ((v.m & VM_OBJ) && chk_obj_is_local(fn, v.obj) &&
                   (st.o[v.obj].m & (OM_OWNED | OM_ESCAPED)) == OM_OWNED &&
                   !(v.m & (VM_UNKNOWN | VM_INTERIOR))) {
            /* (a block also kept elsewhere, as a node put on a list and returned for
             * convenience, is the list's: the caller gets a view of it, not its ownership) */
            int old = st.o[v.obj].realloc_of;
            if (held_by_caller(fn, &st, v.obj)) {
                /* also put where the caller will find it (`*info = p; return p;`): that place
                 * owns it, the result is a view */
                r = RET_UNKNOWN;
            } else if (chk_obj_is_entry(fn, old) && fn->pl[old - fn->ncall_objs].kind == PL_VAR &&
                       fn->pl[old - fn->ncall_objs].param) {
                /* realloc of a parameter: the caller's block lives on if it fails */
                int pi = fn->pl[old - fn->ncall_objs].param_index;
                r = (ret_param < 0 || ret_param == pi) ? RET_REALLOC : RET_UNKNOWN;
                ret_param = pi;
            } else {
                r = RET_NEW;
            }
            fam = st.o[v.obj].fam;
            nullable |= (v.m & VM_NULL) != 0;
        } else if ((v.m & VM_OBJ) && chk_obj_is_entry(fn, v.obj) && !(v.m & VM_UNKNOWN) &&
                   v.off != CHK_OFF_UNKNOWN && fn->pl[v.obj - fn->ncall_objs].kind == PL_VAR &&
                   fn->pl[v.obj - fn->ncall_objs].param) {
            int pi = fn->pl[v.obj - fn->ncall_objs].param_index;
            r = (ret_param < 0 || ret_param == pi) ? RET_PARAM : RET_UNKNOWN;
            ret_param = pi;
            if (any_off && off != v.off) off = CHK_OFF_UNKNOWN;
            if (!any_off) off = v.off;
            any_off = true;
        } else {
            r = RET_UNKNOWN;
        }
        if (ret == -2 || ret == RET_NULL)
            ret = r;
        else if (r != ret && r != RET_NULL)
            ret = RET_UNKNOWN;
        if (r == RET_NULL && (ret == RET_PARAM || ret == RET_REALLOC)) ret = RET_UNKNOWN;
    }
    if (ret == -2) ret = RET_UNKNOWN;
    s->ret = (uint8_t)ret;
    s->ret_param = (uint8_t)(ret_param < 0 ? 0 : ret_param);
    s->ret_fam = (uint8_t)fam;
    s->ret_nullable = nullable;
    s->ret_off = off;
}

static void make_summary(chk_fn *fn, chk_summary *s)
{
    s->neff = 0;
    s->overflow = false;
    s->status_kind = 0;
    summarise_return(fn, s);
    for (int p = 1; p < fn->np; p++)
        summarise_place(fn, s, p);
    bool one_new = s->ret == RET_NEW || s->ret == RET_REALLOC;
    for (int i = 0; i < s->neff; i++) {
        chk_effect *e = &s->eff[i];
        /* a realloc'd parameter is settled by the caller's NULL check, not freed outright */
        if (s->ret == RET_REALLOC && e->param == s->ret_param && e->nsteps == 0)
            e->fate = FATE_NONE;
        /* a call makes one new block the caller can follow: the result, or one out-parameter */
        if (e->after == AFTER_NEW) {
            if (one_new) e->after = AFTER_UNKNOWN;
            one_new = true;
        }
    }
    s->noreturn = fn->nexit == 0;
    chk_record_params_whole(fn->decl, &s->whole_records, &s->whole_pointees);
    s->known = true;
}

static void fn_free(chk_fn *fn)
{
    chk_cfg_free(&fn->cfg);
    free(fn->pl);
    free(fn->pl_index);
    free(fn->sites);
    free(fn->site_index);
    free(fn->entry_used);
    free(fn->older_of);
    for (int i = 0; i < fn->nexit; i++)
        free(fn->exit_mem[i]);
}

/* Returns true when the function should be run again once every summary exists. */
static bool analyse_fn(chk_tu *tu, fn_rec *r)
{
    chk_fn fn;
    memset(&fn, 0, sizeof fn);
    fn.tu = tu;
    fn.decl = r->decl;
    fn.cur_block = -1;
    snprintf(fn.name, sizeof fn.name, "%s", r->name);
    chk_summary *s = chk_summary_find(tu, r->name);
    r->first_finding = tu->report->nfindings;
    if (chk_cfg_build(&fn.cfg, r->decl, tu) != 0) {
        if (fn.cfg.gave_up) {
            chk_loc at = chk_loc_at(&fn, fn.cfg.why_at);
            if (!at.line) at = chk_loc_of(&fn, r->decl);
            chk_report_remark(tu->report, at, "function '%s' skipped: %s", r->name, fn.cfg.why);
        }
        if (s) s->known = false;
        fn_free(&fn);
        r->nfindings = 0;
        return false;
    }
    chk_prepare_places(&fn);
    fn.entry_used = calloc((size_t)fn.np, 1);
    int rc = chk_dataflow(&fn);
    if (rc != 0) {
        chk_report_drop_after(tu->report, r->first_finding);
        chk_report_remark(tu->report, chk_loc_of(&fn, r->decl),
                          "function '%s' skipped: too many paths to follow within the budget",
                          r->name);
    } else if (s) {
        make_summary(&fn, s);
    }
    r->nfindings = tu->report->nfindings - r->first_finding;
    if (s) s->pending = false;
    bool redo = fn.needs_redo;
    fn_free(&fn);
    return redo;
}

static bool same_effect(const chk_effect *a, const chk_effect *b)
{
    if (a->param != b->param || a->nsteps != b->nsteps || a->fate != b->fate ||
        a->after != b->after || a->fam != b->fam || a->used != b->used ||
        a->nullable != b->nullable || a->status != b->status || a->free_off != b->free_off ||
        (a->param < 0 && !clang_equalCursors(a->root, b->root)))
        return false;
    for (int i = 0; i < a->nsteps && i < CHK_SUM_PATH; i++)
        if (a->arrow[i] != b->arrow[i] || !clang_equalCursors(a->field[i], b->field[i]))
            return false;
    return true;
}

/* Whether two summaries tell a caller the same: the test of the fixed point around a cycle. */
static bool same_summary(const chk_summary *a, const chk_summary *b)
{
    if (a->known != b->known || a->noreturn != b->noreturn || a->neff != b->neff ||
        a->overflow != b->overflow || a->ret != b->ret || a->ret_param != b->ret_param ||
        a->ret_fam != b->ret_fam || a->status_kind != b->status_kind || a->ret_off != b->ret_off ||
        a->ret_nullable != b->ret_nullable || a->whole_records != b->whole_records ||
        a->whole_pointees != b->whole_pointees)
        return false;
    for (int i = 0; i < a->neff; i++)
        if (!same_effect(&a->eff[i], &b->eff[i])) return false;
    return true;
}

/* Analyses `r` again, its findings replacing those of its last run. Returns whether its summary
 * changed. */
static bool reanalyse(chk_tu *tu, fn_list *l, fn_rec *r)
{
    chk_report_remove(tu->report, r->first_finding, r->nfindings);
    for (int j = 0; j < l->n; j++)
        if (l->f[j].first_finding > r->first_finding) l->f[j].first_finding -= r->nfindings;
    chk_summary *s = chk_summary_find(tu, r->name);
    chk_summary before;
    if (s) before = *s;
    analyse_fn(tu, r);
    return s && !same_summary(&before, s);
}

/* Rounds a function may be analysed again around a cycle before its summary is given up. */
#define CYCLE_ROUNDS 6

/* The functions that met a callee without a summary are analysed again; when a summary changes,
 * its callers are too, until every summary holds still. One that keeps changing is made unknown
 * (a call to it then assumes nothing), and its callers are analysed once more with that. */
static void reach_fixed_point(chk_tu *tu, fn_list *l, const int *order, int n, bool *queued)
{
    int *rounds = calloc((size_t)l->n + 1, sizeof *rounds);
    for (bool again = true; again;) {
        again = false;
        for (int i = 0; i < n; i++) {
            int f = order[i];
            if (!queued[f] || rounds[f] > CYCLE_ROUNDS) continue;
            queued[f] = false;
            fn_rec *r = &l->f[f];
            bool changed = reanalyse(tu, l, r);
            if (changed && ++rounds[f] > CYCLE_ROUNDS) {
                /* given up: its findings are made again with calls of it assuming nothing */
                chk_summary *s = chk_summary_find(tu, r->name);
                if (s) s->known = false;
                reanalyse(tu, l, r);
                if (s) s->known = false;
            }
            if (!changed) continue;
            for (int c = 0; c < l->n; c++)
                for (int k = 0; k < l->f[c].ncallees; k++)
                    if (l->f[c].callees[k] == f) {
                        queued[c] = again = true;
                        break;
                    }
        }
    }
    free(rounds);
}

static void funcs_free(fn_list *l)
{
    for (int i = 0; i < l->n; i++) {
        free(l->f[i].callees);
        chk_names_clear(&l->f[i].outside);
    }
    free(l->f);
    free(l->order);
    free(l);
}

static void publish_all(chk_tu *tu, const fn_list *l)
{
    for (int i = 0; i < l->n; i++)
        chk_publish_summary(tu, l->f[i].decl, l->f[i].name);
}

void chk_analyse_tu(chk_tu *tu)
{
    fn_list *l = calloc(1, sizeof *l);
    if (!l) return;
    l->tu = tu;
    clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fn, l);
    tu->sum_slots = 64;
    while (tu->sum_slots < l->n * 2 + 2)
        tu->sum_slots *= 2;
    tu->sum_index = calloc((size_t)tu->sum_slots, sizeof *tu->sum_index);
    tu->sums = calloc((size_t)l->n + 1, sizeof *tu->sums);
    for (int i = 0; i < l->n; i++)
        summary_add(tu, l->f[i].name);
    chk_flag_globals_find(tu);
    for (int i = 0; i < l->n; i++) {
        callee_ctx x = {l, &l->f[i]};
        clang_visitChildren(l->f[i].decl, collect_calls, &x);
    }
    /* functions are indexed like their summaries only when names are unique; map them */
    int *by_sum = malloc(((size_t)l->n + 1) * sizeof *by_sum);
    for (int i = 0; i < l->n; i++)
        by_sum[fn_index(l, l->f[i].name)] = i;
    for (int i = 0; i < l->n; i++)
        for (int c = 0; c < l->f[i].ncallees; c++)
            l->f[i].callees[c] = by_sum[l->f[i].callees[c]];
    l->order = malloc(((size_t)l->n + 1) * sizeof *l->order);
    l->norder = post_order(l, l->order);
    bool *redo = calloc((size_t)l->n + 1, sizeof *redo);
    for (int i = 0; i < l->norder; i++) {
        redo[l->order[i]] = analyse_fn(tu, &l->f[l->order[i]]);
        chk_progress_functions(i + 1, l->norder);
    }
    reach_fixed_point(tu, l, l->order, l->norder, redo);
    publish_all(tu, l);
    free(by_sum);
    free(redo);
    if (tu->link && tu->link->keep_functions)
        tu->funcs = l;
    else
        funcs_free(l);
}

void chk_analyse_tu_again(chk_tu *tu)
{
    fn_list *l = tu->funcs;
    if (!l) return;
    bool *queued = calloc((size_t)l->n + 1, sizeof *queued);
    if (!queued) return;
    for (int i = 0; i < l->n; i++)
        for (int k = 0; k < l->f[i].outside.n && !queued[i]; k++)
            queued[i] = chk_link_changed(tu->link, l->f[i].outside.v[k]);
    reach_fixed_point(tu, l, l->order, l->norder, queued);
    publish_all(tu, l);
    free(queued);
}

void chk_tu_free(chk_tu *tu)
{
    chk_imports_free(tu);
    chk_flag_globals_free(tu);
    if (tu->funcs) funcs_free(tu->funcs);
    tu->funcs = NULL;
    free(tu->sums);
    free(tu->sum_index);
    free(tu->written);
    tu->sums = NULL;
    tu->sum_index = NULL;
    tu->written = NULL;
}
