/* order.c: what a path knows about the order of two integers, learnt from the branches it took.
 *
 * A loop that opens a resource when a counter reaches a mark (`if (i == start) f = fopen(...)`)
 * and counts on (`i++`) can never reach that mark again while the mark stays: the branch that
 * would open a second time is ruled out. Without that, every such loop looks like it overwrites a
 * live owner. A state keeps a few facts "a - b is in this set of signs" between two integer
 * places (a counter and a mark, such as `bitsRead` and `rbStart[wrBlock]`):
 *   - a comparison of the two narrows the set on each edge; an empty set means no path;
 *   - `a++` or `a--` shifts it (a == b becomes a > b), any other write forgets it, as does a
 *     change of an index or base the place is named through;
 *   - where paths join, the sets are united; a fact only one side has is dropped.
 * Calls are taken not to change the places (a global mark could change in a callee): that can
 * only rule out paths, which hides errors on them but never makes one up.
 * A place compared with a constant keeps such a fact too (`if (n > 8) p = malloc(n); else p =
 * sbuf; ... if (n > 8) free(p);`, or `incr <= 0` then `0 < incr`), its b CHK_ORDER_CONST. */
#include <string.h>

#include "engine.h"

enum { SIGN_NEG = 1, SIGN_ZERO = 2, SIGN_POS = 4, SIGN_ANY = 7 };

/* The signs of b - a, given those of a - b. */
static uint8_t mirror(uint8_t signs)
{
    return (uint8_t)((signs & SIGN_ZERO) | ((signs & SIGN_NEG) ? SIGN_POS : 0) |
                     ((signs & SIGN_POS) ? SIGN_NEG : 0));
}

/* The signs of (a + 1) - b given those of a - b, for integers. */
static uint8_t step_up(uint8_t signs)
{
    uint8_t out = 0;
    if (signs & (SIGN_ZERO | SIGN_POS)) out |= SIGN_POS;
    if (signs & SIGN_NEG) out |= SIGN_NEG | SIGN_ZERO;
    return out;
}

static uint8_t step(uint8_t signs, int dir)
{
    return dir > 0 ? step_up(signs) : mirror(step_up(mirror(signs)));
}

/* The signs a comparison `a OP b` allows, or 0 when OP is not a comparison. */
static uint8_t signs_of(enum CXBinaryOperatorKind op, bool truth)
{
    uint8_t s;
    switch (op) {
    case CXBinaryOperator_LT:
        s = SIGN_NEG;
        break;
    case CXBinaryOperator_GT:
        s = SIGN_POS;
        break;
    case CXBinaryOperator_LE:
        s = SIGN_NEG | SIGN_ZERO;
        break;
    case CXBinaryOperator_GE:
        s = SIGN_POS | SIGN_ZERO;
        break;
    case CXBinaryOperator_EQ:
        s = SIGN_ZERO;
        break;
    case CXBinaryOperator_NE:
        s = SIGN_NEG | SIGN_POS;
        break;
    default:
        return 0;
    }
    return truth ? s : (uint8_t)(SIGN_ANY & ~s);
}

/* An integer place whose order with another is worth keeping. */
static bool integer_place(const chk_fn *fn, int p)
{
    if (p <= 0 || fn->pl[p].pointer) return false;
    CXType t = clang_getCanonicalType(clang_getCursorType(fn->pl[p].decl));
    return (t.kind >= CXType_Bool && t.kind <= CXType_Int128) || t.kind == CXType_Enum;
}

/* Whether place q is named through p: p itself, or an index or base on its way down. */
static bool named_through(const chk_fn *fn, int q, int p)
{
    for (int depth = 0; q > 0 && depth < 16; depth++) {
        if (q == p) return true;
        const chk_place *pl = &fn->pl[q];
        if (pl->kind == PL_ELEM && pl->index_place == p) return true;
        if (pl->kind == PL_VAR) return false;
        q = pl->base;
    }
    return false;
}

/* Whether a write to p may change q: q is named through p, or both are elements of one array
 * (a[j] may be a[i]). A constant never changes. */
static bool touched_by(const chk_fn *fn, int q, int p)
{
    if (q <= 0) return false;
    if (named_through(fn, q, p)) return true;
    return fn->pl[p].kind == PL_ELEM && fn->pl[q].kind == PL_ELEM &&
           fn->pl[q].base == fn->pl[p].base;
}

/* Whether two facts are about the same pair, the same way round (a constant is always b). */
static bool same_pair(const chk_order *x, const chk_order *y)
{
    return x->a == y->a && x->b == y->b && (x->b != CHK_ORDER_CONST || x->k == y->k);
}

/* The same pair the other way round: never a constant's. */
static bool mirrored_pair(const chk_order *x, const chk_order *y)
{
    return x->b != CHK_ORDER_CONST && x->a == y->b && x->b == y->a;
}

static chk_order *find(chk_state *st, int a, int b, long long k, bool *mirrored)
{
    chk_order key = {.k = (int32_t)k, .a = (int16_t)a, .b = (int16_t)b};
    for (int i = 0; i < CHK_MAX_ORDER; i++) {
        chk_order *o = &st->ord[i];
        if (!o->a) continue;
        if (same_pair(o, &key)) {
            *mirrored = false;
            return o;
        }
        if (mirrored_pair(o, &key)) {
            *mirrored = true;
            return o;
        }
    }
    return NULL;
}

/* Narrows what st knows of a - b (b a place, or CHK_ORDER_CONST and k) to `allowed`: false when
 * that leaves nothing. */
static bool narrow(chk_state *st, int a, int b, long long k, uint8_t allowed)
{
    bool mirrored;
    chk_order *o = find(st, a, b, k, &mirrored);
    if (o) {
        uint8_t now = mirrored ? mirror(o->signs) : o->signs;
        now &= allowed;
        if (!now) return false; /* this edge contradicts what the path knows */
        *o = (chk_order){.k = (int32_t)k, .a = (int16_t)a, .b = (int16_t)b, .signs = now};
        return true;
    }
    if (allowed == SIGN_ANY) return true;
    chk_order fact = {.k = (int32_t)k, .a = (int16_t)a, .b = (int16_t)b, .signs = allowed};
    for (int i = 0; i < CHK_MAX_ORDER; i++)
        if (!st->ord[i].a) {
            st->ord[i] = fact;
            return true;
        }
    /* full: the oldest fact makes room */
    memmove(&st->ord[0], &st->ord[1], (CHK_MAX_ORDER - 1) * sizeof st->ord[0]);
    st->ord[CHK_MAX_ORDER - 1] = fact;
    return true;
}

bool chk_order_refine(chk_fn *fn, chk_state *st, CXCursor cond, bool truth, bool *handled)
{
    *handled = false;
    CXCursor e = chk_strip(cond), kid[2];
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator || chk_children(e, kid, 2) != 2)
        return true;
    uint8_t allowed = signs_of(clang_getCursorBinaryOperatorKind(e), truth);
    if (!allowed) return true;
    int a = chk_place_of(fn, chk_strip(kid[0])), b = chk_place_of(fn, chk_strip(kid[1]));
    if (a == b || !integer_place(fn, a) || !integer_place(fn, b)) return true;
    *handled = true;
    return narrow(st, a, b, 0, allowed);
}

/* A comparison of an integer with a constant, turned into `x <= k` or `x > k` (integers: `x < k`
 * is `x <= k - 1`, `x >= k` is `x > k - 1`), so that every test of one threshold meets the same
 * fact: `incr <= 0` and `0 < incr`, `n < 1` and `n <= 0`. Equality stays a flag's (refine.c):
 * each case of a switch would be a fact. False when it is none of these. */
static bool threshold(const chk_fn *fn, int place, enum CXBinaryOperatorKind *op, long long *k)
{
    if (!integer_place(fn, place) || *k <= INT32_MIN || *k > INT32_MAX) return false;
    switch (*op) {
    case CXBinaryOperator_LT:
        *op = CXBinaryOperator_LE;
        *k -= 1;
        return true;
    case CXBinaryOperator_GE:
        *op = CXBinaryOperator_GT;
        *k -= 1;
        return true;
    case CXBinaryOperator_LE:
    case CXBinaryOperator_GT:
        return true;
    default:
        return false;
    }
}

/* `x == k` or `x != k` where the path already knows how x stands to k (`x > 0` after `x =
 * strlen(s) + 1` rules out `x == 0`): checked against that fact, which it narrows, but no new
 * fact is made of it. */
static bool is_equality(const chk_fn *fn, int place, enum CXBinaryOperatorKind op, long long k)
{
    return (op == CXBinaryOperator_EQ || op == CXBinaryOperator_NE) && integer_place(fn, place) &&
           k > INT32_MIN && k <= INT32_MAX;
}

bool chk_order_refine_const(chk_fn *fn, chk_state *st, int place, enum CXBinaryOperatorKind op,
                            long long k, bool truth)
{
    bool mirrored;
    if (is_equality(fn, place, op, k)) {
        if (!find(st, place, CHK_ORDER_CONST, k, &mirrored)) return true;
    } else if (!threshold(fn, place, &op, &k)) {
        return true;
    }
    return narrow(st, place, CHK_ORDER_CONST, k, signs_of(op, truth));
}

static bool unsigned_integer(CXCursor e)
{
    enum CXTypeKind t = clang_getCanonicalType(clang_getCursorType(e)).kind;
    return t >= CXType_UShort && t <= CXType_UInt128;
}

/* Whether e is a sum of unsigned integers and a positive constant (`strlen(s) + 1`, `l1 + 1 +
 * l2 + 1`), which is never 0 while sizes do not wrap round. */
static bool positive_sum(CXCursor e, int depth)
{
    e = chk_strip(e);
    if (depth > 8) return false;
    if (clang_getCursorKind(e) == CXCursor_IntegerLiteral) {
        CXEvalResult r = clang_Cursor_Evaluate(e);
        bool positive =
            r && clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsLongLong(r) > 0;
        if (r) clang_EvalResult_dispose(r);
        return positive;
    }
    CXCursor kid[2];
    if (clang_getCursorKind(e) != CXCursor_BinaryOperator ||
        clang_getCursorBinaryOperatorKind(e) != CXBinaryOperator_Add ||
        chk_children(e, kid, 2) != 2 || !unsigned_integer(e))
        return false;
    return positive_sum(kid[0], depth + 1) || positive_sum(kid[1], depth + 1);
}

void chk_order_assigned(chk_fn *fn, chk_state *st, int place, CXCursor value, bool added)
{
    if (!integer_place(fn, place) || !positive_sum(value, 0)) return;
    /* `x += n`: above 0 too when x cannot be below it */
    if (added && !unsigned_integer(fn->pl[place].decl)) return;
    narrow(st, place, CHK_ORDER_CONST, 0, SIGN_POS);
}

/* 1 or 0 when the signs the path knows all allow, or all rule out, the comparison; else -1. */
static int decided(const chk_order *o, bool mirrored, enum CXBinaryOperatorKind op)
{
    if (!o) return -1;
    uint8_t known = mirrored ? mirror(o->signs) : o->signs, yes = signs_of(op, true);
    if (!yes) return -1;
    if (!(known & (uint8_t)~yes)) return 1;
    if (!(known & yes)) return 0;
    return -1;
}

int chk_order_truth_const(const chk_fn *fn, chk_state *st, int place, enum CXBinaryOperatorKind op,
                          long long k)
{
    if (!is_equality(fn, place, op, k) && !threshold(fn, place, &op, &k)) return -1;
    bool mirrored = false;
    return decided(find(st, place, CHK_ORDER_CONST, k, &mirrored), mirrored, op);
}

int chk_order_truth(const chk_fn *fn, chk_state *st, int a, int b, enum CXBinaryOperatorKind op)
{
    if (a == b || !integer_place(fn, a) || !integer_place(fn, b)) return -1;
    bool mirrored = false;
    return decided(find(st, a, b, 0, &mirrored), mirrored, op);
}

void chk_order_changed(chk_fn *fn, chk_state *st, int p, int dir)
{
    if (p <= 0) return;
    for (int i = 0; i < CHK_MAX_ORDER; i++) {
        chk_order *o = &st->ord[i];
        if (!o->a) continue;
        if (dir && o->a == p && !named_through(fn, o->b, p))
            o->signs = step(o->signs, dir); /* a place one off a constant: as one off another */
        else if (dir && o->b == p && !named_through(fn, o->a, p))
            o->signs = mirror(step(mirror(o->signs), dir));
        else if (touched_by(fn, o->a, p) || touched_by(fn, o->b, p))
            o->signs = SIGN_ANY;
        if (o->signs == SIGN_ANY) *o = (chk_order){0};
    }
}

/* Only for a place a decision reads the value of (`size == 0`, tested.c): its constant is lost at
 * the step (eval.c keeps no arithmetic), and this is what is left of it. tmux's `list =
 * xreallocarray(list, size + 1, ...); list[size++] = ...` in a loop, then `if (size == 0) return`:
 * the path that allocated has `size > 0` after the loop, which rules that return out. A counter
 * only compared by order gets no such fact: one per loop would crowd out the four a state holds. */
void chk_order_stepped_from(chk_fn *fn, chk_state *st, int p, long long from, int dir)
{
    if (p <= 0 || !dir || !fn->pl[p].tested || !integer_place(fn, p) || from <= INT32_MIN ||
        from > INT32_MAX)
        return;
    narrow(st, p, CHK_ORDER_CONST, from, dir > 0 ? SIGN_POS : SIGN_NEG);
}

bool chk_order_disagree(const chk_order *a, const chk_order *b)
{
    for (int i = 0; i < CHK_MAX_ORDER; i++) {
        if (!a[i].a) continue;
        for (int j = 0; j < CHK_MAX_ORDER; j++) {
            if (same_pair(&b[j], &a[i]) && !(b[j].signs & a[i].signs)) return true;
            if (mirrored_pair(&b[j], &a[i]) && !(mirror(b[j].signs) & a[i].signs)) return true;
        }
    }
    return false;
}

bool chk_order_join(chk_order *into, const chk_order *from)
{
    bool changed = false;
    for (int i = 0; i < CHK_MAX_ORDER; i++) {
        chk_order *o = &into[i];
        if (!o->a) continue;
        uint8_t other = 0;
        for (int j = 0; j < CHK_MAX_ORDER; j++) {
            if (from[j].a && same_pair(&from[j], o)) other = from[j].signs;
            if (from[j].a && mirrored_pair(&from[j], o)) other = mirror(from[j].signs);
        }
        uint8_t joined = other ? (uint8_t)(o->signs | other) : SIGN_ANY;
        if (joined == o->signs) continue;
        changed = true;
        if (joined == SIGN_ANY)
            *o = (chk_order){0};
        else
            o->signs = joined;
    }
    return changed;
}
