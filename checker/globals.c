/* globals.c: the file's own integer variables that can serve as flags, and which calls may change
 * them.
 *
 * `if (!print_args) buffer = NULL; else buffer = malloc(n); ... if (print_args) free(buffer);`
 * (psmisc's pstree) decides twice on a file-static option, with calls in between. Only this file
 * can name such a variable (internal linkage, or a function's `static`), so a call changes it only
 * if the callee, or a function the callee calls, assigns it; a function of another file can reach
 * it only through a function of this file whose address escaped (a callback). So a global is a
 * flag (tested.c, refine.c) when it has integer type, is not volatile (a signal handler's) and its
 * address is never taken; a call forgets it when it may assign it:
 *   - a function of this file: what it assigns, and what its callees do, to a fixed point;
 *   - a function the C library table knows (builtins.c), or one of the system's headers handed
 *     no function pointer: nothing (chk_call_may_call_back);
 *   - one of the system's headers handed a function pointer (qsort, pthread_create): whatever
 *     the file's functions whose address was taken may assign;
 *   - any other, or a call through a pointer: whatever the file's functions whose address went
 *     elsewhere than straight to the system (a table of commands, a callback of another file)
 *     may assign.
 * A function's address is taken when it is named other than as the callee of a call, in a body
 * or in a global's initialiser. (A thread started with one runs beside the function, not inside
 * its calls: the checker follows one thread.) Up to 64 such globals per file are followed;
 * any more are not flags. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAX_GLOBALS 64

typedef struct {
    uint64_t own; /* globals the function assigns itself */
    int *callees; /* summaries of the functions of this file it calls */
    int ncallees, capcallees;
    bool calls[CHK_CALLS_BACK_KINDS]; /* makes a call that may call back, of each kind */
} fn_writes;

typedef struct chk_flag_globals {
    const void *node[MAX_GLOBALS]; /* canonical VarDecls */
    int n;
    uint64_t addressed; /* their address is taken: not flags */
    /* what a call of each kind (enum chk_calls_back) may assign, through the file's functions
     * whose address went there */
    uint64_t outside[CHK_CALLS_BACK_KINDS];
} chk_flag_globals;

typedef struct {
    chk_tu *tu;
    chk_flag_globals *g;
    fn_writes *fn; /* by summary index */
    /* by summary index: DeclRefExprs to it, calls to it, and arguments that hand it straight to
     * a function of the system's headers (pthread_create, qsort) */
    unsigned *named, *called, *handed;
    int current; /* summary index of the function walked, or -1 */
} walk;

/* The bit of a candidate global `ref` (a VarDecl), interned; -1 for any other variable. */
static int global_bit(chk_flag_globals *g, CXCursor ref, bool add)
{
    if (clang_getCursorKind(ref) != CXCursor_VarDecl ||
        clang_Cursor_hasVarDeclGlobalStorage(ref) != 1 ||
        clang_getCursorLinkage(ref) == CXLinkage_External)
        return -1;
    const void *node = chk_node(clang_getCanonicalCursor(ref));
    for (int i = 0; i < g->n; i++)
        if (g->node[i] == node) return i;
    if (!add || g->n == MAX_GLOBALS) return -1;
    CXType t = clang_getCursorType(ref);
    if (clang_isVolatileQualifiedType(t)) return -1;
    t = clang_getCanonicalType(t);
    if (!((t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum)) return -1;
    g->node[g->n] = node;
    return g->n++;
}

static int summary_of(walk *w, CXCursor function)
{
    if (clang_getCursorKind(function) != CXCursor_FunctionDecl) return -1;
    CXString s = clang_getCursorSpelling(function);
    chk_summary *sum = chk_summary_find(w->tu, clang_getCString(s));
    clang_disposeString(s);
    return sum ? (int)(sum - w->tu->sums) : -1;
}

static void add_callee(fn_writes *f, int sum)
{
    if (f->ncallees == f->capcallees) {
        int cap = f->capcallees ? f->capcallees * 2 : 8;
        int *c = realloc(f->callees, (size_t)cap * sizeof *c);
        if (!c) { /* unknown callees: as a call out of the file */
            f->calls[CHK_CALLS_BACK_ANY] = true;
            return;
        }
        f->callees = c;
        f->capcallees = cap;
    }
    f->callees[f->ncallees++] = sum;
}

/* `g = ...`, `g += ...`, `g++`, `&g` */
static void note_store(walk *w, CXCursor operand, bool address)
{
    operand = chk_strip(operand);
    if (clang_getCursorKind(operand) != CXCursor_DeclRefExpr) return;
    int bit = global_bit(w->g, clang_getCursorReferenced(operand), true);
    if (bit < 0) return;
    if (address)
        w->g->addressed |= UINT64_C(1) << bit;
    else if (w->current >= 0)
        w->fn[w->current].own |= UINT64_C(1) << bit;
}

static bool in_system_header(CXCursor decl)
{
    return clang_Location_isInSystemHeader(clang_getCursorLocation(decl)) != 0;
}

static bool function_pointer(CXCursor arg)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(arg));
    return t.kind == CXType_Pointer &&
           clang_getCanonicalType(clang_getPointeeType(t)).kind == CXType_FunctionProto;
}

enum chk_calls_back chk_call_may_call_back(CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_getCursorKind(callee) != CXCursor_FunctionDecl) return CHK_CALLS_BACK_ANY;
    CXString s = clang_getCursorSpelling(callee);
    bool known = chk_builtin_find(clang_getCString(s), clang_getCursorType(callee)) != NULL;
    clang_disposeString(s);
    if (!known && !in_system_header(callee)) return CHK_CALLS_BACK_ANY;
    /* The C library calls the program only through a function it is handed now (qsort,
     * pthread_create, atexit): pthread_mutex_lock and its kin do not. */
    int n = clang_Cursor_getNumArguments(call);
    for (int i = 0; i < n; i++)
        if (function_pointer(clang_Cursor_getArgument(call, (unsigned)i)))
            return CHK_CALLS_BACK_HANDED;
    return CHK_CALLS_BACK_NONE;
}

static void note_call(walk *w, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    int sum = summary_of(w, callee);
    if (sum >= 0) w->called[sum]++;
    if (sum < 0 && clang_getCursorKind(callee) == CXCursor_FunctionDecl &&
        in_system_header(callee)) {
        int n = clang_Cursor_getNumArguments(call);
        for (int i = 0; i < n; i++) {
            CXCursor arg = chk_strip(clang_Cursor_getArgument(call, (unsigned)i));
            int handed = clang_getCursorKind(arg) == CXCursor_DeclRefExpr
                             ? summary_of(w, clang_getCursorReferenced(arg))
                             : -1;
            if (handed >= 0) w->handed[handed]++;
        }
    }
    if (w->current < 0) return;
    fn_writes *f = &w->fn[w->current];
    if (sum >= 0)
        add_callee(f, sum);
    else
        f->calls[chk_call_may_call_back(call)] = true;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk *w = d;
    CXCursor kid[2];
    switch (clang_getCursorKind(c)) {
    case CXCursor_BinaryOperator:
        if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign &&
            chk_children(c, kid, 2) >= 1)
            note_store(w, kid[0], false);
        break;
    case CXCursor_CompoundAssignOperator:
        if (chk_children(c, kid, 2) >= 1) note_store(w, kid[0], false);
        break;
    case CXCursor_UnaryOperator: {
        enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
        bool step = op == CXUnaryOperator_PreInc || op == CXUnaryOperator_PostInc ||
                    op == CXUnaryOperator_PreDec || op == CXUnaryOperator_PostDec;
        if ((step || op == CXUnaryOperator_AddrOf) && chk_children(c, kid, 1) == 1)
            note_store(w, kid[0], op == CXUnaryOperator_AddrOf);
        break;
    }
    case CXCursor_CallExpr:
        note_call(w, c);
        break;
    case CXCursor_DeclRefExpr: {
        int sum = summary_of(w, clang_getCursorReferenced(c));
        if (sum >= 0) w->named[sum]++;
        break;
    }
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk *w = d;
    if (!clang_Location_isFromMainFile(clang_getCursorLocation(c))) return CXChildVisit_Continue;
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_FunctionDecl && clang_isCursorDefinition(c)) {
        w->current = summary_of(w, c);
        clang_visitChildren(c, visit, w);
    } else if (k == CXCursor_VarDecl) {
        w->current = -1;
        clang_visitChildren(c, visit, w);
    }
    return CXChildVisit_Continue;
}

/* What each function may assign, its callees' assignments included, and what a call out of the
 * file may: both grow together (an escaped function's may feed `outside`, which every function
 * that calls out gets), so the rounds go on until neither grows. */
static void close_over_calls(walk *w, uint64_t *may)
{
    int n = w->tu->nsums;
    for (int i = 0; i < n; i++)
        may[i] = w->fn[i].own;
    uint64_t *outside = w->g->outside;
    for (bool grew = true; grew;) {
        grew = false;
        /* a function handed to the system is called back by what it was handed to; one whose
         * address went anywhere else, by any call out of the file */
        uint64_t handed = outside[CHK_CALLS_BACK_HANDED], any = outside[CHK_CALLS_BACK_ANY];
        for (int i = 0; i < n; i++) {
            if (w->named[i] > w->called[i]) handed |= may[i];
            if (w->named[i] > w->called[i] + w->handed[i]) any |= may[i];
        }
        handed |= any;
        grew = handed != outside[CHK_CALLS_BACK_HANDED] || any != outside[CHK_CALLS_BACK_ANY];
        outside[CHK_CALLS_BACK_HANDED] = handed;
        outside[CHK_CALLS_BACK_ANY] = any;
        for (int i = 0; i < n; i++) {
            uint64_t m = may[i];
            for (int k = 0; k < CHK_CALLS_BACK_KINDS; k++)
                if (w->fn[i].calls[k]) m |= outside[k];
            for (int c = 0; c < w->fn[i].ncallees; c++)
                m |= may[w->fn[i].callees[c]];
            if (m != may[i]) {
                may[i] = m;
                grew = true;
            }
        }
    }
}

void chk_flag_globals_find(chk_tu *tu)
{
    int n = tu->nsums;
    walk w = {.tu = tu, .current = -1};
    w.g = calloc(1, sizeof *w.g);
    w.fn = calloc((size_t)n + 1, sizeof *w.fn);
    w.named = calloc((size_t)n + 1, sizeof *w.named);
    w.called = calloc((size_t)n + 1, sizeof *w.called);
    w.handed = calloc((size_t)n + 1, sizeof *w.handed);
    uint64_t *may = calloc((size_t)n + 1, sizeof *may);
    if (w.g && w.fn && w.named && w.called && w.handed && may) {
        clang_visitChildren(clang_getTranslationUnitCursor(tu->tu), visit_top, &w);
        close_over_calls(&w, may);
        for (int i = 0; i < n; i++)
            tu->sums[i].flag_writes = may[i];
        tu->flag_globals = w.g;
        w.g = NULL;
    }
    for (int i = 0; w.fn && i < n; i++)
        free(w.fn[i].callees);
    free(w.g);
    free(w.fn);
    free(w.named);
    free(w.called);
    free(w.handed);
    free(may);
}

int chk_flag_global_bit(const chk_tu *tu, CXCursor decl)
{
    const chk_flag_globals *g = tu->flag_globals;
    if (!g) return -1;
    const void *node = chk_node(clang_getCanonicalCursor(decl));
    for (int i = 0; i < g->n; i++)
        if (g->node[i] == node) return (g->addressed >> i) & 1 ? -1 : i;
    return -1;
}

uint64_t chk_flag_globals_outside(const chk_tu *tu, enum chk_calls_back kind)
{
    return tu->flag_globals ? tu->flag_globals->outside[kind] : 0;
}

void chk_flag_globals_free(chk_tu *tu)
{
    free(tu->flag_globals);
    tu->flag_globals = NULL;
}
