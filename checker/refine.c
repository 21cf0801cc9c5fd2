/* refine.c: learning from a branch. On each edge out of a condition the state is narrowed to
 * what the condition says: `if (!p) return;` leaves p non-null after it (and a NULL p owns
 * nothing), `if (flag)` drops the paths where the flag is known to be 0, `if (q == NULL)` after
 * `q = realloc(p, n)` says whether p is still owned, `if (asprintf(&s, ...) < 0)` whether s was
 * allocated. A narrowing that leaves nothing means the edge cannot be taken on this path. */
#include "engine.h"

static const chk_val unknown = {.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};

static bool const_of(CXCursor e, long long *k)
{
    e = chk_strip(e);
    enum CXCursorKind kind = clang_getCursorKind(e);
    if (kind != CXCursor_IntegerLiteral && kind != CXCursor_DeclRefExpr &&
        kind != CXCursor_UnaryOperator && kind != CXCursor_CharacterLiteral)
        return false;
    if (kind == CXCursor_DeclRefExpr &&
        clang_getCursorKind(clang_getCursorReferenced(e)) != CXCursor_EnumConstantDecl)
        return false;
    if (kind == CXCursor_UnaryOperator &&
        clang_getCursorUnaryOperatorKind(e) != CXUnaryOperator_Minus)
        return false;
    CXEvalResult r = clang_Cursor_Evaluate(e);
    bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok) *k = clang_EvalResult_getAsLongLong(r);
    if (r) clang_EvalResult_dispose(r);
    return ok;
}

/* `x OP constant` or `constant OP x`: returns x, with the constant and the operator seen from x. */
static bool split_compare(CXCursor e, CXCursor *x, long long *k, enum CXBinaryOperatorKind *op)
{
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator) return false;
    CXCursor kid[2];
    if (chk_children(e, kid, 2) != 2) return false;
    *op = clang_getCursorBinaryOperatorKind(e);
    if (*op < CXBinaryOperator_LT || *op > CXBinaryOperator_NE) return false;
    if (const_of(kid[1], k)) {
        *x = kid[0];
        return true;
    }
    if (const_of(kid[0], k)) {
        *x = kid[1];
        switch (*op) { /* mirror: 0 < x is x > 0 */
        case CXBinaryOperator_LT:
            *op = CXBinaryOperator_GT;
            break;
        case CXBinaryOperator_GT:
            *op = CXBinaryOperator_LT;
            break;
        case CXBinaryOperator_LE:
            *op = CXBinaryOperator_GE;
            break;
        case CXBinaryOperator_GE:
            *op = CXBinaryOperator_LE;
            break;
        default:
            break;
        }
        return true;
    }
    return false;
}

static CXCursor through_assign(CXCursor x)
{
    x = chk_strip(x);
    CXCursor kid[2];
    if (clang_getCursorKind(x) == CXCursor_BinaryOperator &&
        clang_getCursorBinaryOperatorKind(x) == CXBinaryOperator_Assign &&
        chk_children(x, kid, 2) == 2)
        return chk_strip(kid[0]);
    return x;
}

bool chk_cond_compare(CXCursor cond, CXCursor *subject, long long *k, enum CXBinaryOperatorKind *op)
{
    return split_compare(chk_strip(cond), subject, k, op);
}

CXCursor chk_cond_subject(CXCursor cond)
{
    CXCursor x = chk_strip(cond), s;
    long long k;
    enum CXBinaryOperatorKind op;
    if (split_compare(x, &s, &k, &op)) x = chk_strip(s);
    return x;
}

/* Every place holding obj (an alias of the tested pointer) learns the same. */
static void set_aliases(chk_fn *fn, chk_state *st, int obj, bool non_null)
{
    for (int i = 0; i < fn->np; i++) {
        chk_val *v = &st->v[i];
        if (!(v->m & VM_OBJ) || v->obj != obj) continue;
        if (non_null)
            v->m &= (uint16_t)~VM_NULL;
        else
            *v = (chk_val){.m = VM_NULL, .obj = -1, .k = 0, .site = -1};
    }
}

static bool refine_pointer(chk_fn *fn, chk_state *st, int p, chk_val v, bool non_null)
{
    if (v.m & VM_MOVED) return true;
    if (non_null) {
        if (chk_val_null_only(v)) return false;
        if ((v.m & VM_OBJ) && v.obj >= 0) {
            chk_obj *o = &st->o[v.obj];
            if (o->realloc_of >= 0) { /* realloc succeeded: the old block is gone */
                chk_obj *old = &st->o[o->realloc_of];
                old->m = (uint8_t)((old->m & ~OM_OWNED) | OM_FREED);
                o->realloc_of = -1;
            }
            set_aliases(fn, st, v.obj, true);
        }
        if (p >= 0) st->v[p].m &= (uint16_t)~VM_NULL;
        if (p >= 0 && st->v[p].m == 0) return false;
        if (p >= 0 && st->v[p].m == VM_UNKNOWN) st->v[p].m |= VM_NONNULL;
        return true;
    }
    /* the NULL side */
    bool can_be_null =
        (v.m & VM_NULL) || ((v.m & VM_UNKNOWN) && !(v.m & VM_NONNULL)) || chk_val_null_only(v);
    if (!can_be_null) return false;
    if ((v.m & VM_OBJ) && v.obj >= 0) {
        chk_obj *o = &st->o[v.obj];
        if (o->realloc_of >= 0) { /* realloc failed: the old block is still owned */
            chk_obj *old = &st->o[o->realloc_of];
            old->m = (uint8_t)((old->m & ~OM_FREED) | OM_OWNED);
        }
        if (o->m & OM_PARAM)
            o->m &= (uint8_t)~OM_LIVE; /* nothing to free on this path */
        else
            o->m = 0;
        set_aliases(fn, st, v.obj, false);
    }
    if (p >= 0) st->v[p] = (chk_val){.m = VM_NULL, .obj = -1, .k = 0, .site = -1};
    return true;
}

chk_val chk_refine_non_null(chk_fn *fn, chk_state *st, chk_val v)
{
    refine_pointer(fn, st, -1, v, true);
    if ((v.m & VM_OBJ) || v.m == VM_UNKNOWN) v.m &= (uint16_t)~VM_NULL;
    if (v.m == VM_UNKNOWN) v.m |= VM_NONNULL;
    return v;
}

static void status_settles(chk_fn *fn, chk_state *st, chk_val v, bool failed)
{
    if (!(v.m & VM_STATUS) || v.k < 0 || !failed) return;
    st->o[v.k].m = 0;
    for (int i = 0; i < fn->np; i++)
        if ((st->v[i].m & VM_OBJ) && st->v[i].obj == v.k) st->v[i] = unknown;
}

static chk_val subject_value(chk_fn *fn, chk_state *st, CXCursor x, int *p)
{
    *p = chk_place_of(fn, x);
    if (*p >= 0) return st->v[*p];
    if (fn->watch_hit && chk_same_node(x, fn->watch)) return fn->watched;
    return unknown;
}

static bool refine_truthy(chk_fn *fn, chk_state *st, CXCursor x, bool truth)
{
    int p;
    x = through_assign(x);
    chk_val v = subject_value(fn, st, x, &p);
    if (chk_val_truth(v) >= 0) return chk_val_truth(v) == truth;
    if (v.m & VM_STATUS) {
        status_settles(fn, st, v,
                       v.site == STATUS_NONZERO ? truth : v.site == STATUS_ZERO && !truth);
        return true;
    }
    bool pointer = clang_getCanonicalType(clang_getCursorType(x)).kind == CXType_Pointer;
    if (pointer || (v.m & (VM_OBJ | VM_NULL | VM_STACK | VM_STATIC)))
        return refine_pointer(fn, st, p, v, truth);
    if (p >= 0 && fn->pl[p].flag)
        st->v[p] = (chk_val){.m = truth ? VM_NOT : VM_INT, .obj = -1, .k = 0, .site = -1};
    return true;
}

/* A side of a pointer comparison, read without evaluating anything: a place, a local array or
 * the address of a variable. */
static chk_val peek(chk_fn *fn, chk_state *st, CXCursor e)
{
    e = chk_strip(e);
    int p = chk_place_of(fn, e);
    if (p >= 0) {
        const chk_place *pl = &fn->pl[p];
        if (pl->kind == PL_VAR && pl->local_array)
            return (chk_val){.m = VM_STACK, .obj = -1, .k = p, .site = -1};
        if (pl->kind == PL_VAR && pl->global_array)
            return (chk_val){.m = VM_STATIC, .obj = -1, .k = p, .site = -1};
        return st->v[p];
    }
    CXCursor kid[1];
    if (clang_getCursorKind(e) == CXCursor_UnaryOperator &&
        clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_AddrOf &&
        chk_children(e, kid, 1) == 1 && (p = chk_place_of(fn, kid[0])) >= 0 &&
        fn->pl[p].kind == PL_VAR && !fn->pl[p].global && !fn->pl[p].param)
        return (chk_val){.m = VM_STACK | VM_ADDR, .obj = -1, .k = p, .site = -1};
    return unknown;
}

/* Where a pointer surely points: a stack variable (k) or a block (-2 - obj); -1 when unsure. */
static int sure_target(chk_val v)
{
    uint16_t m = (uint16_t)(v.m & ~VM_ADDR);
    if (m == VM_STACK) return v.k;
    /* a global array's first byte (screen's `u_password != NullStr`): its place, as a local's */
    if (m == VM_STATIC && v.k > 0) return v.k;
    if (m == VM_OBJ && v.obj >= 0) return -2 - v.obj;
    return -1;
}

/* A block this function owns and has kept to itself: no global can hold it. */
static bool private_block(const chk_state *st, chk_val v)
{
    if (!(v.m & VM_OBJ) || v.obj < 0) return false;
    uint8_t m = st->o[v.obj].m;
    return (m & OM_OWNED) && !(m & (OM_ESCAPED | OM_PARAM));
}

/* A block allocated on this path (not a caller's), or NULL when the allocation failed: never the
 * address of a stack variable (`q = n > 8 ? malloc(n) : sbuf;`, then `if (q != sbuf) free(q);`). */
static bool made_block_or_null(const chk_state *st, chk_val v)
{
    return (v.m & VM_OBJ) && !(v.m & ~(VM_OBJ | VM_NULL | VM_INTERIOR)) && v.obj >= 0 &&
           st->o[v.obj].alloc_site >= 0 && !(st->o[v.obj].m & OM_PARAM);
}

/* The value of a variable of static storage, read as it is (`stdin`, `g_log`). */
static bool reads_static_variable(CXCursor e)
{
    e = chk_strip(e);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr) return false;
    CXCursor decl = clang_getCursorReferenced(e);
    if (clang_getCursorKind(decl) != CXCursor_VarDecl) return false;
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(decl);
    return sc == CX_SC_Extern || sc == CX_SC_Static ||
           clang_getCursorKind(clang_getCursorSemanticParent(decl)) == CXCursor_TranslationUnit;
}

/* Two copies of one value: the same block, or NULL when it was not made (`fl = stdin`, then
 * `fl != stdin`). A NULL check of one is one of all of them (set_aliases): NULL together. */
static bool copies(chk_val a, chk_val b)
{
    return a.m == b.m && (a.m & ~(VM_NULL | VM_INTERIOR)) == VM_OBJ && a.obj >= 0 &&
           a.obj == b.obj && a.off == b.off;
}

/* A pointer that cannot be NULL on this path: a block found not NULL, an address, or something
 * unknown a branch found not NULL. */
static bool surely_non_null(chk_val v)
{
    if (v.m & (VM_NULL | VM_MOVED | VM_INT | VM_NOT | VM_STATUS)) return false;
    if (v.m & VM_UNKNOWN) return (v.m & VM_NONNULL) != 0;
    return (v.m & (VM_OBJ | VM_STACK | VM_STATIC)) != 0;
}

/* `p == q` between pointers: NULL equals NULL and nothing surely not NULL (`s = str ? str :
 * calloc(1, n);`, then `if (s != str) free(s);` with str NULL where s was allocated); two
 * copies of one value are equal; two different stack variables, or a block (or NULL, when it
 * was allocated here) and a stack variable, are never equal, nor is a block that never left this
 * function equal to what a global holds (`if (f != stdin) fclose(f);` after `f = fopen(...)`
 * or `f = stdin`); on the edge where they would have to be, there is no path. */
static bool refine_pointer_compare(chk_fn *fn, chk_state *st, CXCursor e, bool truth)
{
    CXCursor kid[2];
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator || chk_children(e, kid, 2) != 2)
        return true;
    bool eq = (clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_EQ) == truth;
    chk_val left = peek(fn, st, kid[0]), right = peek(fn, st, kid[1]);
    if (chk_val_null_only(left) || chk_val_null_only(right)) {
        chk_val other = chk_val_null_only(left) ? right : left;
        if (chk_val_null_only(other)) return eq;
        if (surely_non_null(other)) return !eq;
    }
    if ((private_block(st, left) && reads_static_variable(kid[1])) ||
        (private_block(st, right) && reads_static_variable(kid[0])))
        return !eq;
    if (copies(left, right)) return eq;
    int a = sure_target(left), b = sure_target(right);
    if ((a >= 0 && made_block_or_null(st, right)) || (b >= 0 && made_block_or_null(st, left)))
        return !eq;
    if (a == -1 || b == -1) return true;
    return (a == b) == eq;
}

int chk_compare_truth(chk_fn *fn, chk_state *st, CXCursor e)
{
    e = chk_strip(e);
    CXCursor x, kid[2];
    long long k;
    enum CXBinaryOperatorKind op;
    if (split_compare(e, &x, &k, &op))
        return chk_order_truth_const(fn, st, chk_place_of(fn, chk_strip(x)), op, k);
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator || chk_children(e, kid, 2) != 2)
        return -1;
    return chk_order_truth(fn, st, chk_place_of(fn, chk_strip(kid[0])),
                           chk_place_of(fn, chk_strip(kid[1])),
                           clang_getCursorBinaryOperatorKind(e));
}

bool chk_refine_equals(chk_fn *fn, chk_state *st, CXCursor x, long long k, bool eq)
{
    x = through_assign(chk_strip(x));
    if (k == 0) return refine_truthy(fn, st, x, !eq);
    int p;
    chk_val v = subject_value(fn, st, x, &p);
    if (v.m == VM_INT) return (v.k == k) == eq;
    if (v.m == VM_NOT && v.k == k) return !eq;
    /* a flag learns its value, or at least which value it is not */
    if (p >= 0 && fn->pl[p].flag && (eq || !chk_val_const(v)))
        st->v[p] = (chk_val){.m = eq ? VM_INT : VM_NOT, .obj = -1, .k = (int32_t)k, .site = -1};
    return true;
}

bool chk_refine(chk_fn *fn, chk_state *st, CXCursor cond, bool truth)
{
    CXCursor e = chk_strip(cond), x;
    long long k;
    enum CXBinaryOperatorKind op;
    if (!split_compare(e, &x, &k, &op)) {
        bool ordered;
        if (!chk_order_refine(fn, st, e, truth, &ordered)) return false;
        if (ordered) return true;
        if (clang_getCursorKind(e) == CXCursor_BinaryOperator &&
            (clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_EQ ||
             clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_NE))
            return refine_pointer_compare(fn, st, e, truth);
        return refine_truthy(fn, st, e, truth);
    }
    x = through_assign(x);
    int p;
    chk_val v = subject_value(fn, st, x, &p);
    if (v.m & VM_STATUS) {
        bool fails_neg = v.site == STATUS_NEGATIVE;
        bool failed;
        if (v.site == STATUS_ZERO) /* failed where the edge says the result is 0 */
            failed =
                k == 0 && (op == CXBinaryOperator_EQ ? truth : op == CXBinaryOperator_NE && !truth);
        else if (op == CXBinaryOperator_LT && k <= 0)
            failed = truth && fails_neg;
        else if (op == CXBinaryOperator_GE && k == 0)
            failed = !truth && fails_neg;
        else if (op == CXBinaryOperator_EQ)
            failed = truth == (fails_neg ? k < 0 : k != 0);
        else if (op == CXBinaryOperator_NE)
            failed = truth != (fails_neg ? k < 0 : k != 0);
        else
            failed = false;
        status_settles(fn, st, v, failed);
        return true;
    }
    /* an integer not known here keeps what the edge says of it, for the next such test */
    if (v.m != VM_INT && p > 0 && !chk_order_refine_const(fn, st, p, op, k, truth)) return false;
    if (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) /* x == k holds on this edge? */
        return chk_refine_equals(fn, st, x, k, (op == CXBinaryOperator_EQ) == truth);
    if (v.m == VM_INT) {
        bool r;
        switch (op) {
        case CXBinaryOperator_LT:
            r = v.k < k;
            break;
        case CXBinaryOperator_GT:
            r = v.k > k;
            break;
        case CXBinaryOperator_LE:
            r = v.k <= k;
            break;
        default:
            r = v.k >= k;
            break;
        }
        return r == truth;
    }
    return true;
}
