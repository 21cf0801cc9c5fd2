/* summary.c: the functions of one translation unit, analysed bottom-up. Each definition in the main
 * file gets a CFG and a dataflow run; its exit states become a summary (which parameters it frees
 * or keeps, what it returns) that its callers use. Callees come first (a post-order of the call
 * graph); a function that met a callee without a summary yet - recursion - is run again once all
 * summaries exist, and its earlier findings are replaced. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

typedef struct {
    CXCursor decl;
    char name[64];
    int *callees;
    int ncallees, capcallees;
    int first_finding, nfindings;
    bool done, visiting;
} fn_rec;

typedef struct {
    fn_rec *f;
    int n, cap;
    chk_tu *tu;
} fn_list;

static unsigned name_hash(const char *s)
{
    unsigned h = 2166136261u;
    while (*s)
        h = (h ^ (unsigned char)*s++) * 16777619u;
    return h;
}

chk_summary *chk_summary_find(chk_tu *tu, const char *name)
{
    if (!tu->sum_slots || !name[0]) return NULL;
    unsigned mask = (unsigned)tu->sum_slots - 1;
    for (unsigned s = name_hash(name) & mask;; s = (s + 1) & mask) {
        int i = tu->sum_index[s];
        if (!i) return NULL;
        if (!strcmp(tu->sums[i - 1].name, name)) return &tu->sums[i - 1];
    }
}

static void summary_add(chk_tu *tu, const char *name)
{
    if (chk_summary_find(tu, name)) return;
    unsigned mask = (unsigned)tu->sum_slots - 1;
    unsigned s = name_hash(name) & mask;
    while (tu->sum_index[s])
        s = (s + 1) & mask;
    chk_summary *sum = &tu->sums[tu->nsums];
    memset(sum, 0, sizeof *sum);
    snprintf(sum->name, sizeof sum->name, "%s", name);
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

static enum CXChildVisitResult collect_calls(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    callee_ctx *x = d;
    if (clang_getCursorKind(c) == CXCursor_CallExpr) {
        CXCursor callee = clang_getCursorReferenced(c);
        if (clang_getCursorKind(callee) == CXCursor_FunctionDecl) {
            CXString s = clang_getCursorSpelling(callee);
            int i = fn_index(x->l, clang_getCString(s));
            clang_disposeString(s);
            if (i >= 0) {
                fn_rec *r = x->r;
                if (r->ncallees == r->capcallees) {
                    r->capcallees = r->capcallees ? r->capcallees * 2 : 8;
                    r->callees = realloc(r->callees, (size_t)r->capcallees * sizeof *r->callees);
                }
                r->callees[r->ncallees++] = i;
            }
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
static void make_summary(chk_fn *fn, chk_summary *s)
{
    uint32_t frees = 0, keeps = 0, derefs = 0, out = 0, writes = 0;
    for (int p = 1; p < fn->np; p++) {
        const chk_place *pl = &fn->pl[p];
        int idx = -1;
        if (pl->kind == PL_VAR && pl->param)
            idx = pl->param_index;
        else if (pl->kind == PL_DEREF && fn->pl[pl->base].kind == PL_VAR && fn->pl[pl->base].param)
            idx = fn->pl[pl->base].param_index;
        if (idx < 0 || idx >= 32 || !pl->pointer) continue;
        int obj = fn->ncall_objs + p;
        bool live = false, freed = false, escaped = false, fresh = false, changed = false;
        for (int i = 0; i < fn->nexit; i++) {
            chk_state st = chk_exit_state(fn, i);
            uint8_t m = st.o[obj].m;
            live |= (m & OM_LIVE) != 0;
            freed |= (m & OM_FREED) != 0;
            escaped |= (m & OM_ESCAPED) != 0;
            if (pl->kind == PL_DEREF) {
                chk_val v = st.v[p];
                if (!(v.m & VM_OBJ) || v.obj != obj) changed = true;
                if ((v.m & VM_OBJ) && v.obj >= 0 && v.obj < fn->ncall_objs &&
                    (st.o[v.obj].m & OM_OWNED))
                    fresh = true;
            }
        }
        uint32_t bit = 1u << idx;
        bool all_freed = freed && !live && !escaped;
        if (pl->kind == PL_VAR) {
            if (all_freed)
                frees |= bit;
            else if (escaped || freed)
                keeps |= bit;
        } else {
            if (all_freed)
                derefs |= bit;
            else if (escaped || freed)
                keeps |= bit;
            if (fresh) out |= bit;
            if (changed) writes |= bit;
        }
    }
    /* what comes back */
    int ret = -2, ret_param = -1, fam = 0;
    bool nullable = false;
    for (int i = 0; i < fn->nexit; i++) {
        chk_state st = chk_exit_state(fn, i);
        chk_val v = st.v[0];
        int r;
        if (chk_val_null_only(v)) {
            nullable = true;
            r = ret == -2 ? RET_NULL : ret;
        } else if ((v.m & VM_OBJ) && v.obj >= 0 && v.obj < fn->ncall_objs &&
                   (st.o[v.obj].m & OM_OWNED) && !(v.m & (VM_UNKNOWN | VM_INTERIOR))) {
            r = RET_NEW;
            fam = st.o[v.obj].fam;
            nullable |= (v.m & VM_NULL) != 0;
        } else if ((v.m & VM_OBJ) && v.obj >= fn->ncall_objs && !(v.m & VM_UNKNOWN) &&
                   fn->pl[v.obj - fn->ncall_objs].kind == PL_VAR) {
            int pi = fn->pl[v.obj - fn->ncall_objs].param_index;
            r = (ret_param < 0 || ret_param == pi) ? RET_PARAM : RET_UNKNOWN;
            ret_param = pi;
        } else {
            r = RET_UNKNOWN;
        }
        if (ret == -2 || ret == RET_NULL)
            ret = r;
        else if (r != ret && r != RET_NULL)
            ret = RET_UNKNOWN;
        if (r == RET_NULL && ret == RET_PARAM) ret = RET_UNKNOWN;
    }
    if (ret == -2) ret = RET_UNKNOWN;
    s->frees = frees;
    s->keeps = keeps;
    s->derefs_freed = derefs;
    s->out_alloc = out;
    s->writes_deref = writes;
    s->ret = (uint8_t)ret;
    s->ret_param = (uint8_t)(ret_param < 0 ? 0 : ret_param);
    s->ret_fam = (uint8_t)fam;
    s->ret_nullable = nullable;
    s->noreturn = fn->nexit == 0;
    s->known = true;
}

static void fn_free(chk_fn *fn)
{
    chk_cfg_free(&fn->cfg);
    free(fn->pl);
    free(fn->pl_index);
    free(fn->sites);
    free(fn->site_index);
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
    bool redo = fn.needs_redo;
    fn_free(&fn);
    return redo;
}

void chk_analyse_tu(chk_tu *tu)
{
    fn_list l = {.tu = tu};
    clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), collect_fn, &l);
    tu->sum_slots = 64;
    while (tu->sum_slots < l.n * 2 + 2)
        tu->sum_slots *= 2;
    tu->sum_index = calloc((size_t)tu->sum_slots, sizeof *tu->sum_index);
    tu->sums = calloc((size_t)l.n + 1, sizeof *tu->sums);
    for (int i = 0; i < l.n; i++)
        summary_add(tu, l.f[i].name);
    for (int i = 0; i < l.n; i++) {
        callee_ctx x = {&l, &l.f[i]};
        clang_visitChildren(l.f[i].decl, collect_calls, &x);
    }
    /* functions are indexed like their summaries only when names are unique; map them */
    int *by_sum = malloc(((size_t)l.n + 1) * sizeof *by_sum);
    for (int i = 0; i < l.n; i++)
        by_sum[fn_index(&l, l.f[i].name)] = i;
    for (int i = 0; i < l.n; i++)
        for (int c = 0; c < l.f[i].ncallees; c++)
            l.f[i].callees[c] = by_sum[l.f[i].callees[c]];
    int *order = malloc(((size_t)l.n + 1) * sizeof *order);
    int n = post_order(&l, order);
    bool *redo = calloc((size_t)l.n + 1, sizeof *redo);
    for (int i = 0; i < n; i++)
        redo[order[i]] = analyse_fn(tu, &l.f[order[i]]);
    for (int i = 0; i < n; i++) {
        fn_rec *r = &l.f[order[i]];
        if (!redo[order[i]]) continue;
        /* replace its findings: they were made without the summaries it needed */
        chk_report_remove(tu->report, r->first_finding, r->nfindings);
        for (int j = 0; j < n; j++)
            if (l.f[order[j]].first_finding > r->first_finding)
                l.f[order[j]].first_finding -= r->nfindings;
        analyse_fn(tu, r);
    }
    for (int i = 0; i < l.n; i++)
        free(l.f[i].callees);
    free(l.f);
    free(by_sum);
    free(order);
    free(redo);
}
