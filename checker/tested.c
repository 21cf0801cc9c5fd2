/* tested.c: the places a branch decides on. A block keeps two path states apart while they
 * disagree on such a place (state.c): an integer flag's constant, or whether a pointer that a
 * branch tests is NULL. A counter that no branch can decide on (bzip2recover's `bitsRead`,
 * `blockCRC`, `wrBlock`, compared only with other variables) multiplies the states without
 * telling any two apart, and the states it takes up push out the ones that matter: its
 * constants are joined instead.
 *
 * Only some values carry a flag's constant on: the flag itself, `-x`, `!x`, `x == y`, `x != y`,
 * `(a, x)`, `x = y` and the arms of `?:` (eval.c); any other arithmetic gives an unknown value.
 * A flag is tested when its constant can reach the subject of a branch (`if (x)`, `x < 4`), a
 * switch, the condition of a `?:`, a returned value (the status a caller's summary reads), the
 * offset of pointer arithmetic (`p + off` says which byte is freed), or a place that is itself
 * kept apart (`ok = r == 0; if (ok)` tests r too). Integer fields and elements are followed
 * alike; a pointer's NULL always keeps states apart. */
#include <stdlib.h>

#include "engine.h"

#define DECIDES (-1) /* `into` for a value some branch, return or offset reads */

typedef struct {
    int16_t from, to;
} flow_edge;

typedef struct {
    chk_fn *fn;
    flow_edge *edge;
    int nedge, capedge;
    bool *stepped; /* by place: a variable `++`, `--` or `+=` changes (a loop's counter) */
    bool *valued;  /* by place: a decision reads its value, not only its order (`n == 0`) */
    bool ordering; /* the decision being read compares with `<`, `<=`, `>` or `>=` */
} walk;

static void add_edge(walk *w, int from, int to)
{
    if (w->nedge == w->capedge) {
        int cap = w->capedge ? 2 * w->capedge : 64;
        flow_edge *e = realloc(w->edge, (size_t)cap * sizeof *e);
        if (!e) { /* without the edge the source is kept apart: as precise as before */
            w->fn->pl[from].tested = true;
            return;
        }
        w->edge = e;
        w->capedge = cap;
    }
    w->edge[w->nedge++] = (flow_edge){(int16_t)from, (int16_t)to};
}

static void reach_place(walk *w, int p, int into)
{
    if (into == DECIDES) {
        w->fn->pl[p].tested = true;
        if (!w->ordering && w->valued) w->valued[p] = true;
        if (w->fn->pl[p].decisions < 2) w->fn->pl[p].decisions++;
    } else if (into != p)
        add_edge(w, p, into);
}

/* The places (flags, integer fields) whose constant can become the value of e: tested when
 * DECIDES, else flowing into the place `into`. A pointer's NULL always keeps states apart. */
static void reach(walk *w, CXCursor e, int into, int depth)
{
    if (depth > CHK_MAX_DEPTH) return;
    e = chk_strip(e);
    CXCursor kid[3];
    switch (clang_getCursorKind(e)) {
    case CXCursor_DeclRefExpr:
    case CXCursor_MemberRefExpr:
    case CXCursor_ArraySubscriptExpr: {
        int p = chk_place_of(w->fn, e);
        if (p >= 0 && !w->fn->pl[p].pointer) reach_place(w, p, into);
        return;
    }
    case CXCursor_UnaryOperator:
        switch (clang_getCursorUnaryOperatorKind(e)) {
        case CXUnaryOperator_Deref: {
            int p = chk_place_of(w->fn, e);
            if (p >= 0 && !w->fn->pl[p].pointer) reach_place(w, p, into);
            return;
        }
        case CXUnaryOperator_Minus:
        case CXUnaryOperator_Plus:
        case CXUnaryOperator_LNot:
        case CXUnaryOperator_Extension:
            if (chk_children(e, kid, 1) == 1) reach(w, kid[0], into, depth + 1);
            return;
        default:
            return;
        }
    case CXCursor_BinaryOperator:
        if (chk_children(e, kid, 2) != 2) return;
        switch (clang_getCursorBinaryOperatorKind(e)) {
        case CXBinaryOperator_EQ:
        case CXBinaryOperator_NE:
            reach(w, kid[0], into, depth + 1);
            reach(w, kid[1], into, depth + 1);
            return;
        case CXBinaryOperator_Comma:
        case CXBinaryOperator_Assign:
            reach(w, kid[1], into, depth + 1);
            if (clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_Assign)
                reach(w, kid[0], into, depth + 1);
            return;
        default:
            return;
        }
    case CXCursor_ConditionalOperator:
        if (chk_children(e, kid, 3) != 3) return;
        for (int i = 0; i < 3; i++)
            reach(w, kid[i], into, depth + 1);
        return;
    default:
        return;
    }
}

/* A field or element the function stores to (`parser->state = S`, `o->count++`) is not kept as
 * a flag: what the path learns of it comes from branches only, as for the option fields it is
 * meant for, and a state machine's own fields do not multiply its states. A store makes it
 * unknown. */
static void stored_to(walk *w, CXCursor lhs)
{
    int p = chk_place_of(w->fn, lhs);
    if (p >= 0 && w->fn->pl[p].kind != PL_VAR) w->fn->pl[p].flag = false;
}

/* A variable stepped by `++`, `--` or `+=` and only ever compared by order (a loop's counter,
 * `turn < 3`): after a step its value is unknown (eval.c follows no arithmetic), so it would
 * only keep the loop's first turn apart from the others, doubling the states of every loop it
 * counts, and of each loop inside, until the ones that say which block is freed with which flag
 * are pushed out (memcached's hash table, freed when `expanding` is cleared). One a decision
 * reads the value of (`if (size == 0)`, cpio's buffer size, 0 exactly while nothing is
 * allocated) stays kept apart. */
static void stepped(walk *w, CXCursor target)
{
    int p = chk_place_of(w->fn, target);
    if (p >= 0 && w->fn->pl[p].kind == PL_VAR && !w->fn->pl[p].pointer && w->stepped)
        w->stepped[p] = true;
}

static bool is_pointer_typed(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

/* Every place in an event where a flag's value is stored or read for a decision. */
static enum CXChildVisitResult scan(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    walk *w = d;
    CXCursor kid[3];
    int n;
    switch (clang_getCursorKind(c)) {
    case CXCursor_VarDecl: {
        int p = chk_place_var(w->fn, c);
        n = chk_children(c, kid, 3);
        for (int i = 0; i < n && i < 3; i++)
            if (clang_isExpression(clang_getCursorKind(kid[i]))) reach(w, kid[i], p, 0);
        break;
    }
    case CXCursor_ReturnStmt:
        if (chk_children(c, kid, 1) == 1) reach(w, kid[0], DECIDES, 0);
        break;
    case CXCursor_ConditionalOperator:
        if (chk_children(c, kid, 3) == 3) reach(w, kid[0], DECIDES, 0);
        break;
    case CXCursor_BinaryOperator:
        if (chk_children(c, kid, 2) != 2) break;
        if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign) {
            int p = chk_place_of(w->fn, kid[0]);
            if (p >= 0) reach(w, kid[1], p, 0);
            stored_to(w, kid[0]);
        } else if (is_pointer_typed(c)) { /* `p + off`: the offset says which byte */
            for (int i = 0; i < 2; i++)
                if (!is_pointer_typed(kid[i])) reach(w, kid[i], DECIDES, 0);
        }
        break;
    case CXCursor_CompoundAssignOperator:
        if (chk_children(c, kid, 2) != 2) break;
        if (is_pointer_typed(kid[0])) reach(w, kid[1], DECIDES, 0); /* `p += off` */
        stored_to(w, kid[0]);
        stepped(w, kid[0]);
        break;
    case CXCursor_UnaryOperator:
        switch (clang_getCursorUnaryOperatorKind(c)) {
        case CXUnaryOperator_PostInc:
        case CXUnaryOperator_PostDec:
        case CXUnaryOperator_PreInc:
        case CXUnaryOperator_PreDec:
            if (chk_children(c, kid, 1) == 1) {
                stored_to(w, kid[0]);
                stepped(w, kid[0]);
            }
            break;
        default:
            break;
        }
        break;
    case CXCursor_UnaryExpr:
        return CXChildVisit_Continue; /* sizeof: not evaluated */
    default:
        break;
    }
    return CXChildVisit_Recurse;
}

/* What the branch of block bl decides on: its subject, compared with a constant or tested for
 * truth. `x == y` without a constant only compares where two pointers point (refine.c). */
static void branch_subject(walk *w, const chk_block *bl)
{
    chk_fn *fn = w->fn;
    CXCursor e = chk_strip(bl->cond), x = chk_cond_subject(bl->cond), kid[2];
    bool compares_two = chk_same_node(x, e) && clang_getCursorKind(e) == CXCursor_BinaryOperator &&
                        (clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_EQ ||
                         clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_NE);
    CXCursor subject;
    long long k;
    enum CXBinaryOperatorKind op;
    w->ordering = chk_cond_compare(bl->cond, &subject, &k, &op) && op >= CXBinaryOperator_LT &&
                  op <= CXBinaryOperator_GE;
    if (!compares_two) reach(w, x, DECIDES, 0);
    w->ordering = false;
    /* a pointer the branch tests may guard another owner: `if ((p = f()) != NULL)` tests p */
    if (clang_getCursorKind(x) == CXCursor_BinaryOperator &&
        clang_getCursorBinaryOperatorKind(x) == CXBinaryOperator_Assign &&
        chk_children(x, kid, 2) == 2)
        x = chk_strip(kid[0]);
    int p = chk_place_of(fn, x);
    if (p >= 0 && fn->pl[p].pointer) fn->pl[p].tested = true;
}

void chk_mark_tested(chk_fn *fn)
{
    walk w = {.fn = fn,
              .stepped = calloc((size_t)fn->np, sizeof(bool)),
              .valued = calloc((size_t)fn->np, sizeof(bool))};
    for (int i = 0; i < fn->np; i++)
        fn->pl[i].decisions = 0;
    fn->pl[0].tested = true; /* the returned value: callers read its status through the summary */
    for (int b = 0; b < fn->cfg.n; b++) {
        const chk_block *bl = &fn->cfg.b[b];
        for (int i = 0; i < bl->nev; i++) {
            const chk_event *ev = &bl->ev[i];
            if (ev->kind == EV_PARAMS_END || ev->kind == EV_SCOPE_END) continue;
            scan(ev->c, clang_getNullCursor(), &w);
            clang_visitChildren(ev->c, scan, &w);
        }
        if (bl->dispatch) reach(&w, bl->subject, DECIDES, 0);
        if (bl->branch) branch_subject(&w, bl);
    }
    /* a flag whose value flows into a place kept apart is kept apart too */
    for (bool more = true; more;) {
        more = false;
        for (int i = 0; i < w.nedge; i++) {
            chk_place *from = &fn->pl[w.edge[i].from], *to = &fn->pl[w.edge[i].to];
            if (!from->tested && (to->pointer || to->tested)) {
                from->tested = true;
                more = true;
            }
        }
    }
    free(w.edge);
    for (int i = 1; i < fn->np && w.stepped && w.valued; i++)
        if (w.stepped[i] && !w.valued[i]) fn->pl[i].tested = false;
    free(w.stepped);
    free(w.valued);
    /* A field or element is worth a flag where two decisions read it (`if (o->keep)` before the
     * allocation and before the free): one alone tells no two paths apart later, and keeping
     * them apart costs the states of every field a function tests once. */
    fn->field_flags = false;
    for (int i = 1; i < fn->np; i++) {
        chk_place *p = &fn->pl[i];
        if (p->kind == PL_VAR || !p->flag) continue;
        if (p->decisions < 2) p->flag = false;
        if (p->flag && p->tested) fn->field_flags = true;
    }
}
