/* places.c: the owners a function talks about (variables, field paths, `*p`) and the sites where
 * things happen (calls, address-of, literals), each found once per function and then named by a
 * small integer so that states are plain arrays. Calls are the first sites, so a call's site number
 * is also the number of the heap object it may return. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define PLACE_SLOTS 1024 /* > 2 * CHK_MAX_PLACES */

typedef struct {
    CXCursor *v;
    int n, max;
} kid_buf;

static enum CXChildVisitResult take_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    kid_buf *k = d;
    if (k->n < k->max) k->v[k->n] = c;
    k->n++;
    return CXChildVisit_Continue;
}

int chk_children(CXCursor c, CXCursor *out, int max)
{
    kid_buf k = {out, 0, max};
    clang_visitChildren(c, take_kid, &k);
    return k.n;
}

const void *chk_node(CXCursor c)
{
    return clang_isDeclaration(c.kind) ? c.data[0] : c.data[1];
}

/* `__builtin_expect(x, c)` is x to every reader (likely()/unlikely() macros wrap null checks in
 * it): its operand, or a null cursor when e is not such a call. */
CXCursor chk_expect_operand(CXCursor e)
{
    if (clang_getCursorKind(e) != CXCursor_CallExpr) return clang_getNullCursor();
    int n = clang_Cursor_getNumArguments(e);
    if (n != 2 && n != 3) return clang_getNullCursor();
    CXString s = clang_getCursorSpelling(e);
    const char *name = clang_getCString(s);
    bool expect = name && (!strcmp(name, "__builtin_expect") ||
                           !strcmp(name, "__builtin_expect_with_probability"));
    clang_disposeString(s);
    return expect ? clang_Cursor_getArgument(e, 0) : clang_getNullCursor();
}

CXCursor chk_strip(CXCursor e)
{
    for (int i = 0; i < CHK_MAX_DEPTH; i++) {
        enum CXCursorKind k = clang_getCursorKind(e);
        CXCursor kid[3];
        if (k == CXCursor_CallExpr) {
            CXCursor x = chk_expect_operand(e);
            if (clang_Cursor_isNull(x)) break;
            e = x;
            continue;
        }
        if (k == CXCursor_ParenExpr || k == CXCursor_UnexposedExpr ||
            k == CXCursor_CStyleCastExpr) {
            int n = chk_children(e, kid, 3);
            if (n == 1 || (k == CXCursor_CStyleCastExpr && n == 2)) {
                e = kid[n - 1];
                continue;
            }
        } else if (k == CXCursor_UnaryOperator &&
                   clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Extension) {
            if (chk_children(e, kid, 3) == 1) {
                e = kid[0];
                continue;
            }
        }
        break;
    }
    return e;
}

unsigned chk_cursor_line(CXCursor c)
{
    unsigned line = 0;
    clang_getExpansionLocation(clang_getCursorLocation(c), NULL, &line, NULL, NULL);
    return line;
}

chk_loc chk_loc_at(chk_fn *fn, CXSourceLocation at)
{
    CXFile file;
    chk_loc l = {.file = "", .line = 0, .col = 0, .len = 1};
    clang_getExpansionLocation(at, &file, &l.line, &l.col, NULL);
    if (file) {
        CXString name = clang_getFileName(file);
        l.file = chk_report_intern(fn->tu->report, clang_getCString(name));
        clang_disposeString(name);
    }
    return l;
}

chk_loc chk_loc_of(chk_fn *fn, CXCursor c)
{
    CXSourceRange r = clang_getCursorExtent(c);
    chk_loc l = chk_loc_at(fn, clang_getRangeStart(r));
    unsigned l2, c2;
    clang_getExpansionLocation(clang_getRangeEnd(r), NULL, &l2, &c2, NULL);
    if (l2 == l.line && c2 > l.col) l.len = c2 - l.col;
    return l;
}

/* ------------------------------------------------------------------ places */
static int lookup(chk_fn *fn, unsigned hash, uint8_t kind, int base, CXCursor decl)
{
    for (unsigned i = 0; i < PLACE_SLOTS; i++) {
        unsigned slot = (hash + i) & (PLACE_SLOTS - 1);
        unsigned idx = fn->pl_index[slot];
        if (!idx) return -(int)slot - 1;
        chk_place *p = &fn->pl[idx - 1];
        if (p->hash == hash && p->kind == kind && p->base == base &&
            (kind == PL_DEREF || chk_same_node(p->decl, decl)))
            return (int)idx - 1;
    }
    return -(int)PLACE_SLOTS - 1;
}

static int add_place(chk_fn *fn, int neg_slot, chk_place *p)
{
    if (fn->frozen || fn->np >= CHK_MAX_PLACES || neg_slot <= -(int)PLACE_SLOTS - 1) return -1;
    if (p->kind != PL_VAR) p->global_bit = -1;
    fn->pl[fn->np] = *p;
    fn->pl_index[-neg_slot - 1] = (unsigned)fn->np + 1;
    return fn->np++;
}

static int param_index(chk_fn *fn, CXCursor decl)
{
    int n = clang_Cursor_getNumArguments(fn->decl);
    for (int i = 0; i < n; i++)
        if (chk_same_node(clang_Cursor_getArgument(fn->decl, (unsigned)i), decl)) return i;
    return -1;
}

/* The function named by __attribute__((cleanup(f))): libclang exposes the attribute only as
 * an unexposed one, so it is read back from the declaration as clang prints it. */
static enum CXChildVisitResult find_attr(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    if (clang_isAttribute(clang_getCursorKind(c))) *(bool *)d = true;
    return CXChildVisit_Continue;
}

static void read_cleanup(CXCursor decl, char *out, size_t n)
{
    bool has_attr = false;
    clang_visitChildren(decl, find_attr, &has_attr);
    if (!has_attr) return;
    CXPrintingPolicy pol = clang_getCursorPrintingPolicy(decl);
    CXString s = clang_getCursorPrettyPrinted(decl, pol);
    const char *t = clang_getCString(s);
    const char *c = t ? strstr(t, "cleanup(") : NULL;
    if (c) {
        c += strlen("cleanup(");
        size_t i = 0;
        while (c[i] && c[i] != ')' && i + 1 < n) {
            out[i] = c[i];
            i++;
        }
        out[i] = 0;
    }
    clang_disposeString(s);
    clang_PrintingPolicy_dispose(pol);
}

static bool integer_type(CXType t)
{
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

/* Whether place p is, or hangs off, a global: any call may change what it holds. */
static bool rooted_in_global(const chk_fn *fn, int p)
{
    while (p >= 0 && fn->pl[p].kind != PL_VAR)
        p = fn->pl[p].base;
    return p >= 0 && fn->pl[p].global;
}

bool chk_type_owns(CXType t)
{
    t = clang_getCanonicalType(t);
    if (t.kind == CXType_Pointer) return true;
    if (t.kind != CXType_Record) return false;
    CXString s = clang_getCursorSpelling(clang_getTypeDeclaration(t));
    bool handle = !strcmp(clang_getCString(s), "own_box");
    clang_disposeString(s);
    return handle;
}

int chk_place_var(chk_fn *fn, CXCursor decl)
{
    unsigned h = chk_node_hash(decl);
    int r = lookup(fn, h, PL_VAR, -1, decl);
    if (r >= 0) return r;
    chk_place p = {.kind = PL_VAR, .base = -1, .param_index = -1, .hash = h, .decl = decl};
    enum CXCursorKind k = clang_getCursorKind(decl);
    CXType t = clang_getCanonicalType(clang_getCursorType(decl));
    p.param = k == CXCursor_ParmDecl;
    if (p.param) p.param_index = (int16_t)param_index(fn, decl);
    p.global = k == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(decl) == 1;
    p.external = p.global && clang_getCursorLinkage(decl) == CXLinkage_External &&
                 (t.kind == CXType_Pointer || t.kind == CXType_Record) &&
                 !clang_Location_isInSystemHeader(clang_getCursorLocation(decl));
    bool array = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
                 t.kind == CXType_VariableArray;
    p.local_array = array && !p.global && !p.param;
    p.global_array = array && p.global;
    p.pointer = chk_type_owns(t) || (p.param && array);
    p.global_bit = p.global ? (int8_t)chk_flag_global_bit(fn->tu, decl) : -1;
    p.flag = integer_type(t) && (!p.global || p.global_bit >= 0);
    CXString name = clang_getCursorSpelling(decl);
    snprintf(p.name, sizeof p.name, "%s", clang_getCString(name));
    clang_disposeString(name);
    if (k == CXCursor_VarDecl && !p.global) read_cleanup(decl, p.cleanup, sizeof p.cleanup);
    return add_place(fn, r, &p);
}

int chk_place_field(chk_fn *fn, int base, CXCursor field, bool arrow)
{
    if (base < 0 || clang_getCursorKind(field) != CXCursor_FieldDecl) return -1;
    unsigned h = chk_node_hash(field) * 31u + (unsigned)base;
    int r = lookup(fn, h, PL_FIELD, base, field);
    if (r >= 0) return r;
    CXType ft = clang_getCanonicalType(clang_getCursorType(field));
    chk_place p = {
        .kind = PL_FIELD, .base = (int16_t)base, .param_index = -1, .hash = h, .decl = field};
    p.arrow = arrow;
    p.pointer = chk_type_owns(ft);
    /* `if (o->keep) p = malloc(n); ... if (o->keep) free(p);`: an option field is a flag as a
     * local is, until a call that may write it (chk_forget_flags_under) */
    p.flag = integer_type(ft) && !rooted_in_global(fn, base);
    p.local_array = ft.kind == CXType_ConstantArray;
    long long offset = clang_Cursor_getOffsetOfField(field);
    p.field_offset = offset >= 0 && offset <= INT32_MAX ? (int32_t)offset : -1;
    CXString type = clang_getTypeSpelling(ft);
    p.field_type = chk_name_hash(clang_getCString(type));
    clang_disposeString(type);
    CXString name = clang_getCursorSpelling(field);
    snprintf(p.name, sizeof p.name, "%.40s%s%.20s", fn->pl[base].name, arrow ? "->" : ".",
             clang_getCString(name));
    clang_disposeString(name);
    return add_place(fn, r, &p);
}

/* A DEREF place `*q` holds a `pointee`: whether it owns, and its type for the fields a store
 * through q may write when q is not followed (eval.c), at an offset not known. */
static void set_pointee(chk_place *p, CXType pointee)
{
    pointee = clang_getCanonicalType(pointee);
    p->pointer = chk_type_owns(pointee);
    p->field_offset = -1;
    CXString type = clang_getTypeSpelling(pointee);
    p->field_type = chk_name_hash(clang_getCString(type));
    clang_disposeString(type);
}

int chk_place_deref(chk_fn *fn, int base)
{
    if (base < 0) return -1;
    unsigned h = (unsigned)base * 131u + 7u;
    int r = lookup(fn, h, PL_DEREF, base, clang_getNullCursor());
    if (r >= 0 || fn->frozen) return r >= 0 ? r : -1;
    CXType t = clang_getCanonicalType(clang_getCursorType(fn->pl[base].decl));
    if (fn->pl[base].kind == PL_DEREF || t.kind != CXType_Pointer) return -1;
    chk_place p = {.kind = PL_DEREF,
                   .base = (int16_t)base,
                   .param_index = -1,
                   .hash = h,
                   .decl = clang_getNullCursor(),
                   .arrow = true};
    set_pointee(&p, clang_getPointeeType(t));
    p.flag = integer_type(clang_getCanonicalType(clang_getPointeeType(t))) &&
             !rooted_in_global(fn, base);
    snprintf(p.name, sizeof p.name, "*%.60s", fn->pl[base].name);
    return add_place(fn, r, &p);
}

/* `a[i]` with i a variable or a constant: one element, followed until i or a changes. */
static int place_elem(chk_fn *fn, CXCursor e)
{
    CXCursor kid[2];
    if (chk_children(e, kid, 2) != 2) return -1;
    int base = chk_place_of(fn, kid[0]);
    if (base < 0 || fn->pl[base].kind == PL_ELEM) return -1;
    int index = -1;
    long long k = 0;
    CXCursor ix = chk_strip(kid[1]);
    if (clang_getCursorKind(ix) == CXCursor_DeclRefExpr) {
        index = chk_place_of(fn, ix);
        if (index < 0 || !fn->pl[index].flag) return -1;
    } else {
        CXEvalResult r = clang_Cursor_Evaluate(ix);
        bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
        if (ok) k = clang_EvalResult_getAsLongLong(r);
        if (r) clang_EvalResult_dispose(r);
        if (!ok || k < 0 || k > 1 << 20) return -1;
    }
    unsigned h = (unsigned)base * 977u + (unsigned)(index + 1) * 131u + (unsigned)k * 7u + 3u;
    for (unsigned i = 0; i < PLACE_SLOTS; i++) {
        unsigned slot = (h + i) & (PLACE_SLOTS - 1);
        unsigned idx = fn->pl_index[slot];
        if (!idx) {
            CXType bt = clang_getCanonicalType(clang_getCursorType(kid[0]));
            CXType t = clang_getCanonicalType(clang_getCursorType(e));
            chk_place p = {.kind = PL_ELEM,
                           .base = (int16_t)base,
                           .param_index = -1,
                           .index_place = (int16_t)index,
                           .index_const = (int32_t)k,
                           .hash = h,
                           .decl = e};
            p.arrow = bt.kind == CXType_Pointer;
            p.pointer = chk_type_owns(t);
            p.flag = integer_type(t) && !rooted_in_global(fn, base);
            if (index >= 0)
                snprintf(p.name, sizeof p.name, "%.40s[%.20s]", fn->pl[base].name,
                         fn->pl[index].name);
            else
                snprintf(p.name, sizeof p.name, "%.40s[%lld]", fn->pl[base].name, k);
            return add_place(fn, -(int)slot - 1, &p);
        }
        chk_place *q = &fn->pl[idx - 1];
        if (q->hash == h && q->kind == PL_ELEM && q->base == base && q->index_place == index &&
            q->index_const == (int32_t)k)
            return (int)idx - 1;
    }
    return -1;
}

int chk_place_of(chk_fn *fn, CXCursor e)
{
    e = chk_strip(e);
    enum CXCursorKind k = clang_getCursorKind(e);
    CXCursor kid[2];
    if (k == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(e);
        enum CXCursorKind rk = clang_getCursorKind(ref);
        if (rk == CXCursor_VarDecl || rk == CXCursor_ParmDecl) return chk_place_var(fn, ref);
        return -1;
    }
    if (k == CXCursor_MemberRefExpr) {
        if (chk_children(e, kid, 2) < 1) return -1;
        int base = chk_place_of(fn, kid[0]);
        if (base < 0) return -1;
        CXType bt = clang_getCanonicalType(clang_getCursorType(kid[0]));
        return chk_place_field(fn, base, clang_getCursorReferenced(e), bt.kind == CXType_Pointer);
    }
    if (k == CXCursor_ArraySubscriptExpr) return place_elem(fn, e);
    if (k == CXCursor_UnaryOperator &&
        clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Deref) {
        if (chk_children(e, kid, 2) < 1) return -1;
        int base = chk_place_of(fn, kid[0]);
        if (base < 0) return -1;
        unsigned h = (unsigned)base * 131u + 7u;
        int r = lookup(fn, h, PL_DEREF, base, e);
        if (r >= 0) return r;
        chk_place p = {.kind = PL_DEREF,
                       .base = (int16_t)base,
                       .param_index = -1,
                       .hash = h,
                       .decl = e,
                       .arrow = true};
        set_pointee(&p, clang_getCursorType(e));
        /* `*name == '!'` tested twice, as ed's `read_file` does to pick popen or fopen and
         * then pclose or fclose, is a flag as a field is */
        p.flag = integer_type(clang_getCanonicalType(clang_getCursorType(e))) &&
                 !rooted_in_global(fn, base);
        snprintf(p.name, sizeof p.name, "*%.60s", fn->pl[base].name);
        return add_place(fn, r, &p);
    }
    return -1;
}

int chk_place_root(const chk_fn *fn, int p)
{
    for (int i = 0; i < CHK_MAX_DEPTH && p >= 0 && fn->pl[p].kind != PL_VAR; i++)
        p = fn->pl[p].base;
    return p;
}

/* Stored here, a value is seen by the caller or by the rest of the program. */
bool chk_place_caller_visible(const chk_fn *fn, int p)
{
    bool through_pointer = false;
    for (int i = 0; i < CHK_MAX_DEPTH && p >= 0; i++) {
        const chk_place *pl = &fn->pl[p];
        if (pl->kind == PL_VAR) return pl->global || (pl->param && through_pointer);
        if (pl->arrow) through_pointer = true;
        p = pl->base;
    }
    return false;
}

/* ------------------------------------------------------------------ sites */
static void grow_site_index(chk_fn *fn)
{
    int cap = fn->capsites;
    unsigned slots = (unsigned)cap * 2;
    free(fn->site_index);
    fn->site_index = calloc(slots, sizeof *fn->site_index);
    for (int i = 0; i < fn->nsites; i++) {
        unsigned s = fn->sites[i].hash & (slots - 1);
        while (fn->site_index[s])
            s = (s + 1) & (slots - 1);
        fn->site_index[s] = (unsigned)i + 1;
    }
}

int chk_site_of(chk_fn *fn, CXCursor c)
{
    unsigned h = chk_node_hash(c);
    if (fn->capsites) {
        unsigned slots = (unsigned)fn->capsites * 2;
        for (unsigned s = h & (slots - 1);; s = (s + 1) & (slots - 1)) {
            unsigned idx = fn->site_index[s];
            if (!idx) break;
            if (fn->sites[idx - 1].hash == h && chk_same_node(fn->sites[idx - 1].c, c))
                return (int)idx - 1;
        }
    }
    if (fn->nsites == fn->capsites) {
        fn->capsites = fn->capsites ? fn->capsites * 2 : 64;
        fn->sites = realloc(fn->sites, (size_t)fn->capsites * sizeof *fn->sites);
        grow_site_index(fn);
    }
    chk_site *s = &fn->sites[fn->nsites];
    s->c = c;
    s->hash = h;
    s->at = chk_loc_of(fn, c);
    s->guard_line = 0;
    s->guard_pol = -1;
    s->block = fn->cur_block;
    if (fn->cur_block >= 0 && fn->cur_block < fn->cfg.n) {
        s->guard_line = fn->cfg.b[fn->cur_block].guard_line;
        s->guard_pol = fn->cfg.b[fn->cur_block].guard_pol;
    }
    unsigned slots = (unsigned)fn->capsites * 2;
    unsigned slot = h & (slots - 1);
    while (fn->site_index[slot])
        slot = (slot + 1) & (slots - 1);
    fn->site_index[slot] = (unsigned)fn->nsites + 1;
    return fn->nsites++;
}

/* ------------------------------------------------------------------ the pre-pass */
/* `f(pp)` with pp a pointer to an owner (char **, own_box *): a callee that frees or stores
 * through it acts on `*pp`, which must be a place even when this function never writes it. */
static void prepare_call_args(chk_fn *fn, CXCursor call)
{
    int n = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < n && i < 16; i++) {
        CXCursor a = chk_strip(clang_Cursor_getArgument(call, (unsigned)i));
        CXType t = clang_getCanonicalType(clang_getCursorType(a));
        if (t.kind != CXType_Pointer || !chk_type_owns(clang_getPointeeType(t))) continue;
        int p = chk_place_of(fn, a);
        if (p >= 0) chk_place_deref(fn, p);
    }
}

static void prepare_var(chk_fn *fn, CXCursor decl)
{
    int p = chk_place_var(fn, decl);
    CXCursor kid[8];
    int n = chk_children(decl, kid, 8);
    for (int i = n < 8 ? n - 1 : 7; i >= 0; i--)
        if (clang_isExpression(clang_getCursorKind(kid[i]))) {
            chk_prepare_record_init(fn, p, decl, kid[i]);
            break;
        }
}

static enum CXChildVisitResult prepare_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    chk_fn *fn = d;
    switch (clang_getCursorKind(c)) {
    case CXCursor_CallExpr:
        if (fn->pass == 0) chk_site_of(fn, c);
        if (fn->pass == 1) prepare_call_args(fn, c);
        break;
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
    case CXCursor_UnaryOperator:
    case CXCursor_ArraySubscriptExpr:
        if (fn->pass == 1) chk_place_of(fn, c);
        break;
    case CXCursor_VarDecl:
        if (fn->pass == 1) prepare_var(fn, c);
        break;
    case CXCursor_UnaryExpr:
        return CXChildVisit_Continue; /* sizeof: not evaluated */
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

int chk_prepare_places(chk_fn *fn)
{
    fn->pl = calloc(CHK_MAX_PLACES, sizeof *fn->pl);
    fn->pl_index = calloc(PLACE_SLOTS, sizeof *fn->pl_index);
    fn->pl[0] = (chk_place){.kind = PL_RET, .base = -1, .param_index = -1};
    snprintf(fn->pl[0].name, sizeof fn->pl[0].name, "the return value");
    fn->np = 1;
    fn->nparams = clang_Cursor_getNumArguments(fn->decl);
    if (fn->nparams < 0) fn->nparams = 0;
    for (int i = 0; i < fn->nparams; i++)
        chk_place_var(fn, clang_Cursor_getArgument(fn->decl, (unsigned)i));
    /* Calls first, in block order so each gets the guard of its block; then places. */
    for (fn->pass = 0; fn->pass < 2; fn->pass++) {
        for (int b = 0; b < fn->cfg.n; b++) {
            fn->cur_block = b;
            chk_block *bl = &fn->cfg.b[b];
            for (int i = 0; i < bl->nev; i++) {
                chk_event *ev = &bl->ev[i];
                if (ev->kind == EV_PARAMS_END) continue;
                if (ev->kind == EV_SCOPE_END) {
                    if (fn->pass == 1) chk_place_var(fn, ev->c);
                    continue;
                }
                if (fn->pass == 0 && clang_getCursorKind(ev->c) == CXCursor_CallExpr)
                    chk_site_of(fn, ev->c);
                prepare_visit(ev->c, clang_getNullCursor(), fn);
                clang_visitChildren(ev->c, prepare_visit, fn);
            }
        }
        if (fn->pass == 0) {
            fn->ncall_objs = fn->nsites;
            if (fn->ncall_objs > CHK_MAX_OBJECTS) fn->ncall_objs = CHK_MAX_OBJECTS;
        }
    }
    fn->cur_block = -1;
    chk_mark_tested(fn);
    fn->frozen = true;
    /* only a call inside a loop can be met again while its last block is held */
    bool *in_loop = chk_cfg_loop_blocks(&fn->cfg);
    fn->older_of = malloc(((size_t)fn->ncall_objs + 1) * sizeof *fn->older_of);
    int nolder = 0;
    for (int s = 0; s < fn->ncall_objs; s++) {
        int b = fn->sites[s].block;
        fn->older_of[s] = (int16_t)(b >= 0 && b < fn->cfg.n && in_loop[b] ? nolder++ : -1);
    }
    free(in_loop);
    fn->nobj = fn->ncall_objs + fn->np + nolder;
    return 0;
}
