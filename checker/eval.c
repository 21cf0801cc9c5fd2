/* eval.c: the transfer functions - what evaluating an expression, a declaration, a return or the
 * end of a scope does to one path's state. Expressions are followed through libclang's cursors;
 * whatever is not modelled evaluates to `unknown` and lets any block it touches escape, so the
 * checker may miss an error there but never invents one. Rules are called at the points where
 * they can fire (a use, a free, an owner lost, an address stored). Calls are in call.c. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const chk_val unknown = {.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};

static chk_val int_val(long long k)
{
    return (chk_val){.m = VM_INT, .obj = -1, .k = (int32_t)k, .site = -1};
}

/* The struct variable or field a struct-valued expression reads, or -1. */
static int record_place(chk_fn *fn, CXCursor e)
{
    if (clang_getCanonicalType(clang_getCursorType(e)).kind != CXType_Record) return -1;
    return chk_place_of(fn, e);
}

/* ------------------------------------------------------------------ escapes and losses */
void chk_escape(chk_fn *fn, chk_state *st, chk_val v)
{
    if (!(v.m & VM_OBJ) || v.obj < 0) return;
    if (st->o[v.obj].m & OM_ESCAPED) return;
    st->o[v.obj].m |= OM_ESCAPED;
    /* what hangs off an escaped block escapes with it */
    for (int i = 1; i < fn->np; i++) {
        const chk_place *p = &fn->pl[i];
        if (p->kind == PL_VAR || !p->arrow) continue;
        chk_val b = st->v[p->base];
        if ((b.m & VM_OBJ) && b.obj == v.obj) chk_escape(fn, st, st->v[i]);
    }
}

static void lose_obj(chk_fn *fn, chk_state *st, int obj, int place, CXSourceLocation at, int why)
{
    if (obj < 0) return;
    chk_obj *o = &st->o[obj];
    if (!(o->m & OM_OWNED) || (o->m & OM_ESCAPED)) return;
    if (chk_obj_referenced(fn, st, obj, -1)) return;
    chk_rule_leak(fn, st, obj, place, at, why);
    o->m |= OM_ESCAPED; /* reported once; the block is gone from this path */
}

/* The fields of `place` reached with `.`, which share its storage and its lifetime. */
static void lose_fields(chk_fn *fn, chk_state *st, int place, CXSourceLocation at, int why,
                        int depth)
{
    if (depth > 8) return;
    for (int i = 1; i < fn->np; i++)
        if (fn->pl[i].kind == PL_FIELD && fn->pl[i].base == place && !fn->pl[i].arrow) {
            chk_val v = st->v[i];
            st->v[i] = unknown;
            if (v.m & VM_OBJ) lose_obj(fn, st, v.obj, i, at, why);
            lose_fields(fn, st, i, at, why, depth + 1);
        }
}

void chk_lose_place(chk_fn *fn, chk_state *st, int place, CXSourceLocation at, int why)
{
    if (place < 0) return;
    chk_val v = st->v[place];
    st->v[place] = unknown;
    if (v.m & VM_OBJ) lose_obj(fn, st, v.obj, place, at, why);
    lose_fields(fn, st, place, at, why, 0);
}

/* The places named through `base` (only its `->` fields when `arrows_only`), and every place
 * named through those at any depth (`base->x.label`): `base` names other storage now. What they
 * held escapes rather than looks lost. */
static void forget_sub_places(chk_fn *fn, chk_state *st, int base, bool arrows_only, int depth)
{
    if (depth > 8) return;
    for (int i = 1; i < fn->np; i++)
        if (fn->pl[i].kind != PL_VAR && fn->pl[i].base == base &&
            (!arrows_only || fn->pl[i].arrow)) {
            chk_escape(fn, st, st->v[i]);
            st->v[i] = unknown;
            forget_sub_places(fn, st, i, false, depth + 1);
        }
}

/* Places that reach a block through a pointer now pointing elsewhere, and the places named
 * through those (`cur->x.label` once `cur` moved on to another struct). */
static void forget_arrow_fields(chk_fn *fn, chk_state *st, int base)
{
    forget_sub_places(fn, st, base, true, 0);
}

/* A place named through an element whose index changed now names another element: what it held
 * escapes, and when it was a caller's block at entry it is another caller's block, as at entry. */
static void forget_renamed(chk_fn *fn, chk_state *st, int i, bool fresh)
{
    chk_escape(fn, st, st->v[i]);
    st->v[i] = unknown;
    int e = chk_entry_obj(fn, i);
    if (fresh && (st->o[e].m & OM_PARAM) && !chk_obj_referenced(fn, st, e, -1)) {
        st->o[e] = (chk_obj){.m = OM_PARAM | OM_LIVE,
                             .fam = FAM_NONE,
                             .realloc_of = -1,
                             .alloc_site = -1,
                             .free_site = -1};
        st->v[i] = (chk_val){.m = VM_OBJ | VM_NULL, .obj = (int16_t)e, .k = 0, .site = -1};
    }
}

/* The fields of an element reached with `.` (`a[i].buf`, `a[i].in.buf`): they name the new
 * element's fields too. Those reached with `->` are forgotten by forget_arrow_fields. */
static void forget_elem_fields(chk_fn *fn, chk_state *st, int base, bool fresh, int depth)
{
    if (depth > 8) return;
    for (int i = 1; i < fn->np; i++)
        if (fn->pl[i].kind == PL_FIELD && fn->pl[i].base == base && !fn->pl[i].arrow) {
            forget_renamed(fn, st, i, fresh);
            forget_arrow_fields(fn, st, i);
            forget_elem_fields(fn, st, i, fresh, depth + 1);
        }
}

/* The elements `a[i]` named through index i, or the elements of a other than `except`: i (or
 * some other element) changed, so what they held can no longer be followed by that name. */
static void forget_elems(chk_fn *fn, chk_state *st, int index, int base, int except)
{
    for (int i = 1; i < fn->np; i++) {
        const chk_place *p = &fn->pl[i];
        if (p->kind != PL_ELEM || i == except) continue;
        if (index >= 0 ? p->index_place != index : p->base != base) continue;
        forget_renamed(fn, st, i, index >= 0);
        forget_arrow_fields(fn, st, i);
        forget_elem_fields(fn, st, i, index >= 0, 0);
    }
}

/* Place p was written (dir as in chk_order_changed): the elements named through it and what the
 * path knew of its order with others. */
static void value_changed(chk_fn *fn, chk_state *st, int place, int dir)
{
    if (place >= 0 && fn->pl[place].flag) forget_elems(fn, st, place, -1, -1);
    chk_order_changed(fn, st, place, dir);
}

void chk_index_changed(chk_fn *fn, chk_state *st, int place)
{
    value_changed(fn, st, place, 0);
}

/* A store into a field of a caller's block (`q->keep = 0`) may write the same field of another
 * caller's block the path learned a flag of (`if (o->keep)`): q and o may be one struct. Two such
 * blocks are otherwise taken to be different (their ownership is followed apart), but a flag kept
 * after the store would have the path remember a value the field may no longer hold. */
static void forget_aliased_flags(chk_fn *fn, chk_state *st, int place, int obj)
{
    if (!fn->field_flags) return;
    const chk_place *p = &fn->pl[place];
    for (int i = 1; i < fn->np; i++) {
        const chk_place *q = &fn->pl[i];
        if (i == place || !q->flag || q->kind != PL_FIELD || !q->arrow ||
            q->field_type != p->field_type || q->field_offset != p->field_offset)
            continue;
        chk_val qb = st->v[q->base];
        if ((qb.m & VM_OBJ) && qb.obj == obj) continue; /* the same block: the store is to i */
        if ((qb.m & VM_OBJ) && qb.obj >= 0 && !(st->o[qb.obj].m & OM_PARAM)) continue;
        st->v[i] = unknown;
        chk_order_changed(fn, st, i, 0);
    }
}

/* A store into a field through a pointer the path does not follow may write any field of the
 * same type at the same offset: `tp->prev->next = tp->next` unlinks the first node of a circular
 * list whose head is the list itself (less's `taglist.tl_first`, `thisfile->buflist.next`), so
 * what those fields held can no longer be followed by name. A store through `*q`, q such a
 * pointer, may write any field of its type, at any offset: BSD's TAILQ_REMOVE unlinks the first
 * element with `*elm->field.tqe_prev = elm->field.tqe_next`, and tqe_prev points at the head's
 * tqh_first (tmux's screen_free_titles). */
static void forget_aliased_fields(chk_fn *fn, chk_state *st, int place)
{
    const chk_place *p = &fn->pl[place];
    bool through_deref = p->kind == PL_DEREF;
    if ((p->kind != PL_FIELD && !through_deref) || !p->arrow ||
        (!through_deref && p->field_offset < 0))
        return;
    chk_val base = st->v[p->base];
    if ((base.m & VM_OBJ) && base.obj >= 0) {
        if (st->o[base.obj].m & OM_PARAM) forget_aliased_flags(fn, st, place, base.obj);
        return; /* a block this path follows */
    }
    if (through_deref && (base.m & (VM_STACK | VM_ADDR | VM_STATIC))) return; /* a known place */
    for (int i = 1; i < fn->np; i++) {
        const chk_place *q = &fn->pl[i];
        if (i == place || q->field_type != p->field_type) continue;
        if (through_deref ? q->kind != PL_FIELD && q->kind != PL_DEREF
                          : q->kind != PL_FIELD || q->field_offset != p->field_offset)
            continue;
        chk_escape(fn, st, st->v[i]);
        st->v[i] = unknown;
        forget_arrow_fields(fn, st, i);
    }
}

void chk_assign(chk_fn *fn, chk_state *st, int place, chk_val v, CXCursor at)
{
    if (place < 0) {
        chk_escape(fn, st, v);
        return;
    }
    chk_place *p = &fn->pl[place];
    if (p->kind == PL_ELEM) forget_elems(fn, st, -1, p->base, place); /* a[j] may be a[i] */
    if (chk_place_caller_visible(fn, place) || (p->kind == PL_VAR && p->global)) {
        /* the caller (or the rest of the program) sees it: still ours until we return, when the
         * summary tells the caller what it got (an element it cannot be told about escapes) */
        /* the address of a local is only dangling if it is still there when the frame ends
         * (a save and restore of a "current" pointer takes it back first): remember where it
         * was stored, and report at the exit (EV_PARAMS_END) */
        if ((v.m & VM_STACK) && v.k < 0) chk_rule_dangling_stack(fn, st, v, at, place);
        if ((v.m & VM_STACK) && v.k >= 0) v.site = chk_site_of(fn, at);
        for (int q = place; q >= 0 && fn->pl[q].kind != PL_VAR; q = fn->pl[q].base)
            if (fn->pl[q].kind == PL_ELEM) chk_escape(fn, st, v);
    } else if (p->kind != PL_VAR && p->arrow) {
        /* a field of a block we do not own and follow: the value lives on where we can't see */
        chk_val b = st->v[p->base];
        if (!(b.m & VM_OBJ) || b.obj < 0 || !(st->o[b.obj].m & OM_OWNED) ||
            (st->o[b.obj].m & OM_ESCAPED))
            chk_escape(fn, st, v);
    }
    if (p->kind == PL_VAR && !p->flag && chk_val_const(v) && !chk_val_null_only(v)) v = unknown;
    if (!p->flag && !p->pointer && chk_val_const(v) && !chk_val_null_only(v)) v = unknown;
    forget_aliased_fields(fn, st, place);
    chk_val old = st->v[place];
    st->v[place] = v;
    forget_arrow_fields(fn, st, place);
    chk_index_changed(fn, st, place);
    if ((old.m & VM_OBJ) && old.obj >= 0 && (!(v.m & VM_OBJ) || v.obj != old.obj))
        lose_obj(fn, st, old.obj, place, clang_getCursorLocation(at), LOSE_OVERWRITE);
}

/* ------------------------------------------------------------------ pointer arithmetic */
chk_val chk_val_shift(chk_val v, bool known, long long delta)
{
    /* a global array's address moved is no longer its first byte: not that array's, to compare */
    if ((v.m & VM_STATIC) && (!known || delta)) v.k = 0;
    if (!(v.m & VM_OBJ)) return v;
    if (!known || v.off == CHK_OFF_UNKNOWN || delta > INT32_MAX / 2 || delta < -(INT32_MAX / 2))
        v.off = CHK_OFF_UNKNOWN;
    else
        v.off += (int32_t)delta;
    if (v.off)
        v.m |= VM_INTERIOR;
    else
        v.m &= (uint16_t)~VM_INTERIOR;
    return v;
}

/* The size of what a pointer expression points to, as pointer arithmetic counts it. */
static long long elem_size(CXCursor ptr)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(ptr));
    if (t.kind != CXType_Pointer) return -1;
    CXType pt = clang_getCanonicalType(clang_getPointeeType(t));
    if (pt.kind == CXType_Void) return 1; /* GNU C */
    long long n = clang_Type_getSizeOf(pt);
    return n > 0 ? n : -1;
}

/* An integer operand: its value when known or a constant expression (offsetof). */
static bool int_operand(CXCursor e, chk_val v, long long *k)
{
    if (v.m == VM_INT) {
        *k = v.k;
        return true;
    }
    CXType t = clang_getCanonicalType(clang_getCursorType(e));
    if (t.kind < CXType_Bool || t.kind > CXType_Int128) return false;
    CXEvalResult r = clang_Cursor_Evaluate(e);
    bool ok = r && clang_EvalResult_getKind(r) == CXEval_Int;
    if (ok) *k = clang_EvalResult_getAsLongLong(r);
    if (r) clang_EvalResult_dispose(r);
    return ok;
}

/* ptr + sign * n, where n is the operand `n_expr` evaluated to nv */
static chk_val pointer_step(chk_val pv, CXCursor ptr, CXCursor n_expr, chk_val nv, int sign)
{
    long long n, size = elem_size(ptr);
    bool known = size > 0 && int_operand(n_expr, nv, &n);
    return chk_val_shift(pv, known, known ? sign * n * size : 0);
}

/* ------------------------------------------------------------------ freeing */
static void escape_children_of(chk_fn *fn, chk_state *st, int obj)
{
    for (int i = 1; i < fn->np; i++) {
        const chk_place *p = &fn->pl[i];
        if (p->kind == PL_VAR || !p->arrow) continue;
        chk_val b = st->v[p->base];
        if ((b.m & VM_OBJ) && b.obj == obj) {
            chk_escape(fn, st, st->v[i]);
            st->v[i] = unknown;
        }
    }
}

void chk_forget_place(chk_fn *fn, chk_state *st, int p, bool keep_flags)
{
    if (p < 0 || (st->v[p].m & VM_MOVED) || (keep_flags && fn->pl[p].flag)) return;
    chk_escape(fn, st, st->v[p]);
    st->v[p] = unknown;
    chk_order_changed(fn, st, p, 0);
    forget_arrow_fields(fn, st, p);
    for (int i = 1; i < fn->np; i++)
        if (fn->pl[i].kind == PL_FIELD && fn->pl[i].base == p && !fn->pl[i].arrow)
            chk_forget_place(fn, st, i, keep_flags);
}

void chk_forget_flags_under(chk_fn *fn, chk_state *st, int p)
{
    for (int i = 1; i < fn->np; i++) {
        /* an untested flag's constant decides nothing (tested.c); no element is indexed by a
         * field, so only what the path knew of its order goes with it */
        if (!fn->pl[i].flag || !fn->pl[i].tested || fn->pl[i].kind == PL_VAR) continue;
        int q = fn->pl[i].base;
        while (q >= 0 && q != p && fn->pl[q].kind != PL_VAR)
            q = fn->pl[q].base;
        if (q != p) continue;
        st->v[i] = unknown;
        chk_order_changed(fn, st, i, 0);
    }
}

void chk_forget_global(chk_fn *fn, chk_state *st, int p)
{
    chk_forget_place(fn, st, p, false);
    forget_renamed(fn, st, p, fn->pl[p].pointer && !fn->pl[p].local_array);
}

void chk_note_use(chk_fn *fn, chk_val v)
{
    if ((v.m & VM_OBJ) && chk_obj_is_entry(fn, v.obj) && fn->entry_used)
        fn->entry_used[v.obj - fn->ncall_objs] = 1;
}
static void lose_children_of(chk_fn *fn, chk_state *st, int obj, CXSourceLocation at)
{
    for (int i = 1; i < fn->np; i++) {
        const chk_place *p = &fn->pl[i];
        if (p->kind == PL_VAR || !p->arrow) continue;
        chk_val b = st->v[p->base];
        if ((b.m & VM_OBJ) && b.obj == obj && (st->v[i].m & VM_OBJ)) {
            chk_val v = st->v[i];
            st->v[i] = unknown;
            lose_obj(fn, st, v.obj, i, at, LOSE_FREE_PARENT);
        }
    }
}

void chk_free_value(chk_fn *fn, chk_state *st, chk_val v, int fam, CXCursor call, CXCursor arg,
                    const char *how, bool by_helper)
{
    if (chk_val_null_only(v) || (v.m & VM_MOVED)) return;
    if (chk_rule_free_non_heap(fn, st, v, call, arg)) return;
    if (!(v.m & VM_OBJ) || v.obj < 0) return;
    /* A pointer that may be a caller's block or some other one (paths joined: `from` is the
     * list's first node or a node further on) frees one of them, which is not known: the block
     * is let go, neither freed nor reported, as a forced join lets go what it blurs. */
    if ((v.m & VM_UNKNOWN) && (st->o[v.obj].m & OM_PARAM)) {
        st->o[v.obj].m |= OM_ESCAPED;
        return;
    }
    if (chk_rule_double_free(fn, st, v, call, arg)) {
        /* freed on some path already: after this call it is freed on every path */
        st->o[v.obj].m &= (uint8_t) ~(OM_OWNED | OM_LIVE);
        return;
    }
    if (chk_rule_free_interior(fn, st, v, call, arg)) {
        st->o[v.obj].m |= OM_ESCAPED; /* one error is enough: it was meant to be freed */
        return;
    }
    chk_rule_mismatched_free(fn, st, v, fam, call, arg, how);
    chk_obj *o = &st->o[v.obj];
    o->m = (uint8_t)((o->m & ~(OM_OWNED | OM_LIVE)) | OM_FREED);
    o->free_site = chk_site_of(fn, call);
    o->free_off = v.off;
    if (by_helper)
        escape_children_of(fn, st, v.obj);
    else
        lose_children_of(fn, st, v.obj, clang_getCursorLocation(call));
}

/* ------------------------------------------------------------------ expressions */
static chk_val eval_kids(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[16];
    int n = chk_children(e, kid, 16);
    chk_val last = unknown;
    for (int i = 0; i < n && i < 16; i++)
        last = chk_eval(fn, st, kid[i], depth + 1);
    if (n > 16) fn->unmodelled = true;
    return last;
}

static chk_val eval_literal(CXCursor e)
{
    CXEvalResult r = clang_Cursor_Evaluate(e);
    chk_val v = unknown;
    if (r && clang_EvalResult_getKind(r) == CXEval_Int)
        v = int_val(clang_EvalResult_getAsLongLong(r));
    if (r) clang_EvalResult_dispose(r);
    return v;
}

static void use(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, const char *how)
{
    chk_note_use(fn, v);
    chk_rule_use_after_free(fn, st, v, at, how);
}

static chk_val eval_declref(chk_fn *fn, chk_state *st, CXCursor e)
{
    CXCursor ref = clang_getCursorReferenced(e);
    enum CXCursorKind rk = clang_getCursorKind(ref);
    if (rk == CXCursor_EnumConstantDecl) return int_val(clang_getEnumConstantDeclValue(ref));
    if (rk == CXCursor_FunctionDecl)
        return (chk_val){.m = VM_STATIC, .obj = -1, .k = 0, .site = chk_site_of(fn, e)};
    if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl) return unknown;
    int p = chk_place_var(fn, ref);
    if (p < 0) return unknown;
    const chk_place *pl = &fn->pl[p];
    if (pl->local_array)
        return (chk_val){.m = VM_STACK, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
    if (pl->global_array)
        return (chk_val){.m = VM_STATIC, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
    chk_val v = st->v[p];
    if (v.m & VM_MOVED) {
        chk_rule_use_after_move(fn, st, p, v, e);
        return unknown;
    }
    return v;
}

/* `e->next` never written through `e`, where another pointer to the same block stored a block
 * it owns in its `next` (`ext->next = list; list = ext;` in a loop, then the list walked with
 * `e = e->next`): that block, so that the walk frees what the other place holds. */
static chk_val same_field_elsewhere(chk_fn *fn, chk_state *st, int p, int obj)
{
    for (int q = 1; q < fn->np; q++) {
        const chk_place *pl = &fn->pl[q];
        chk_val v = st->v[q];
        if (q == p || pl->kind != PL_FIELD || !pl->arrow || !(v.m & VM_OBJ) || v.obj < 0 ||
            (st->o[v.obj].m & (OM_OWNED | OM_FREED)) != OM_OWNED)
            continue;
        chk_val base = st->v[pl->base];
        if ((base.m & VM_OBJ) && base.obj == obj && !(base.m & VM_INTERIOR) &&
            clang_equalCursors(pl->decl, fn->pl[p].decl))
            return v;
    }
    return st->v[p];
}

static chk_val eval_member(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[2];
    if (chk_children(e, kid, 2) < 1) return unknown;
    CXType bt = clang_getCanonicalType(clang_getCursorType(kid[0]));
    chk_val b = chk_eval(fn, st, kid[0], depth + 1);
    if (bt.kind == CXType_Pointer) use(fn, st, b, e, "dereferenced");
    int p = chk_place_of(fn, e);
    if (p < 0) return unknown;
    /* an own_box's pointer member is its block */
    if (bt.kind != CXType_Pointer && (b.m & VM_OBJ) && b.obj >= 0 && st->o[b.obj].fam == FAM_OWN &&
        fn->pl[p].pointer && (st->v[p].m & VM_UNKNOWN))
        return b;
    if (fn->pl[p].local_array) {
        int root = chk_place_root(fn, p);
        bool on_stack = true;
        for (int q = p; q >= 0 && fn->pl[q].kind != PL_VAR; q = fn->pl[q].base)
            if (fn->pl[q].arrow) on_stack = false;
        if (on_stack && root >= 0 && !fn->pl[root].global && !fn->pl[root].param)
            return (chk_val){.m = VM_STACK, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
        return unknown;
    }
    if (st->v[p].m == VM_UNKNOWN && fn->pl[p].arrow && (b.m & VM_OBJ) && b.obj >= 0)
        return same_field_elsewhere(fn, st, p, b.obj);
    return st->v[p];
}

static bool on_stack_place(chk_fn *fn, int p)
{
    for (int q = p; q >= 0; q = fn->pl[q].base) {
        if (fn->pl[q].kind == PL_VAR) return !fn->pl[q].global && !fn->pl[q].param;
        if (fn->pl[q].arrow) return false;
    }
    return false;
}

static chk_val eval_addr_of(chk_fn *fn, chk_state *st, CXCursor e, CXCursor sub, int depth)
{
    CXCursor c = chk_strip(sub);
    enum CXCursorKind k = clang_getCursorKind(c);
    if (k == CXCursor_DeclRefExpr) {
        CXCursor ref = clang_getCursorReferenced(c);
        enum CXCursorKind rk = clang_getCursorKind(ref);
        if (rk != CXCursor_VarDecl && rk != CXCursor_ParmDecl)
            return (chk_val){.m = VM_STATIC, .obj = -1, .k = 0, .site = chk_site_of(fn, e)};
        int p = chk_place_var(fn, ref);
        if (p < 0) return unknown;
        if (fn->pl[p].global)
            return (chk_val){
                .m = VM_STATIC | VM_ADDR, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
        return (chk_val){.m = VM_STACK | VM_ADDR, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
    }
    if (k == CXCursor_MemberRefExpr ||
        (k == CXCursor_UnaryOperator &&
         clang_getCursorUnaryOperatorKind(c) == CXUnaryOperator_Deref)) {
        int p = chk_place_of(fn, c);
        CXCursor kid[2];
        chk_val base = unknown;
        if (chk_children(c, kid, 2) >= 1) {
            chk_val b = chk_eval(fn, st, kid[0], depth + 1);
            base = b;
            if (k == CXCursor_UnaryOperator) return b;
            /* `&p->f` reads no byte of the block: the freed pointer is used, not dereferenced */
            if (clang_getCanonicalType(clang_getCursorType(kid[0])).kind == CXType_Pointer)
                use(fn, st, b, c, "used for an address");
        }
        if (p < 0) return unknown;
        if (on_stack_place(fn, p))
            return (chk_val){
                .m = VM_STACK | VM_ADDR, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
        if (k == CXCursor_MemberRefExpr && (base.m & VM_OBJ) && fn->pl[p].arrow) {
            /* &b->f: a pointer into b's block, at the field's offset */
            long long bits = clang_Cursor_getOffsetOfField(clang_getCursorReferenced(c));
            chk_val v = chk_val_shift(base, bits >= 0, bits / 8);
            v.m |= VM_ADDR;
            v.k = p;
            return v;
        }
        return (chk_val){.m = VM_UNKNOWN | VM_ADDR, .obj = -1, .k = p, .site = chk_site_of(fn, e)};
    }
    if (k == CXCursor_ArraySubscriptExpr) {
        CXCursor kid[2];
        if (chk_children(c, kid, 2) == 2) {
            chk_val b = chk_eval(fn, st, kid[0], depth + 1);
            chk_val i = chk_eval(fn, st, kid[1], depth + 1);
            if (b.m & VM_OBJ) return pointer_step(b, kid[0], kid[1], i, 1);
            int p = chk_place_of(fn, c);
            if (p >= 0 && (b.m & VM_STACK) && !(b.m & ~(VM_STACK | VM_ADDR)))
                return (chk_val){.m = VM_STACK | VM_ADDR, .obj = -1, .k = p, .site = b.site};
            if (b.m & VM_STACK) return b;
            if (b.m & VM_STATIC) return b.k = 0, b; /* an element: not the array's first byte */
        }
        return unknown;
    }
    if (k == CXCursor_CompoundLiteralExpr) {
        chk_eval(fn, st, c, depth + 1);
        return (chk_val){.m = VM_STACK, .obj = -1, .k = -1, .site = chk_site_of(fn, e)};
    }
    chk_eval(fn, st, c, depth + 1);
    return unknown;
}

static bool pointer_typed(CXCursor e)
{
    return clang_getCanonicalType(clang_getCursorType(e)).kind == CXType_Pointer;
}

/* For `s++` or `s--` (s a pointer place), the place `*s`, whose value a `*s++` reads; else -1. */
static int stepped_after_read(chk_fn *fn, CXCursor operand)
{
    operand = chk_strip(operand);
    CXCursor kid[1];
    if (clang_getCursorKind(operand) != CXCursor_UnaryOperator ||
        chk_children(operand, kid, 1) != 1 || !pointer_typed(kid[0]))
        return -1;
    enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(operand);
    if (op != CXUnaryOperator_PostInc && op != CXUnaryOperator_PostDec) return -1;
    return chk_place_deref(fn, chk_place_of(fn, kid[0]));
}

static chk_val eval_unary(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[2];
    if (chk_children(e, kid, 2) < 1) return unknown;
    switch (clang_getCursorUnaryOperatorKind(e)) {
    case CXUnaryOperator_AddrOf:
        return eval_addr_of(fn, st, e, kid[0], depth);
    case CXUnaryOperator_Deref: {
        /* `*s++` reads what `*s` held before s moved on (tmux's `flag = *string++` after a
         * test of `*string`) */
        int before = stepped_after_read(fn, kid[0]);
        chk_val read = before >= 0 ? st->v[before] : unknown;
        chk_val b = chk_eval(fn, st, kid[0], depth + 1);
        use(fn, st, b, e, "dereferenced");
        int p = chk_place_of(fn, e);
        return p >= 0 ? st->v[p] : read;
    }
    case CXUnaryOperator_PostInc:
    case CXUnaryOperator_PostDec:
    case CXUnaryOperator_PreInc:
    case CXUnaryOperator_PreDec: {
        chk_val v = chk_eval(fn, st, kid[0], depth + 1);
        int p = chk_place_of(fn, kid[0]);
        enum CXUnaryOperatorKind uk = clang_getCursorUnaryOperatorKind(e);
        long long size = elem_size(kid[0]);
        bool up = uk == CXUnaryOperator_PostInc || uk == CXUnaryOperator_PreInc;
        bool was_int = v.m == VM_INT;
        long long before = v.k;
        if (v.m & VM_OBJ)
            v = chk_val_shift(v, size > 0, up ? size : -size);
        else if (chk_val_const(v))
            v = unknown;
        if (p >= 0) st->v[p] = v;
        value_changed(fn, st, p, (v.m & VM_OBJ) ? 0 : up ? 1 : -1);
        if (was_int) chk_order_stepped_from(fn, st, p, before, up ? 1 : -1);
        /* `flag = *string++`: what was known through the pointer is of the byte it left */
        if (p >= 0 && pointer_typed(kid[0])) forget_arrow_fields(fn, st, p);
        return v;
    }
    case CXUnaryOperator_LNot: {
        chk_val v = chk_eval(fn, st, kid[0], depth + 1);
        if (chk_val_truth(v) >= 0) return int_val(!chk_val_truth(v));
        if (chk_val_null_only(v)) return int_val(1);
        return unknown;
    }
    case CXUnaryOperator_Extension:
    case CXUnaryOperator_Plus:
        return chk_eval(fn, st, kid[0], depth + 1);
    case CXUnaryOperator_Minus: {
        chk_val v = chk_eval(fn, st, kid[0], depth + 1);
        return v.m == VM_INT ? int_val(-(long long)v.k) : unknown;
    }
    default:
        chk_eval(fn, st, kid[0], depth + 1);
        return unknown;
    }
}

static bool is_pointerish(chk_val v)
{
    return (v.m & (VM_OBJ | VM_STACK | VM_STATIC)) != 0;
}

static chk_val eval_binary(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[2];
    if (chk_children(e, kid, 2) != 2) return eval_kids(fn, st, e, depth);
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);
    if (op == CXBinaryOperator_Assign) {
        chk_val r = chk_eval(fn, st, kid[1], depth + 1);
        int p = chk_place_of(fn, kid[0]);
        CXCursor l = chk_strip(kid[0]);
        enum CXCursorKind lk = clang_getCursorKind(l);
        if (p >= 0) {
            /* writing through a pointer uses the pointer */
            CXCursor lkid[2];
            if ((lk == CXCursor_MemberRefExpr || lk == CXCursor_UnaryOperator ||
                 lk == CXCursor_ArraySubscriptExpr) &&
                chk_children(l, lkid, 2) >= 1 &&
                clang_getCanonicalType(clang_getCursorType(lkid[0])).kind == CXType_Pointer) {
                chk_val b = chk_eval(fn, st, lkid[0], depth + 1);
                if (lk == CXCursor_ArraySubscriptExpr) chk_eval(fn, st, lkid[1], depth + 1);
                use(fn, st, b, l, "written through");
            } else if (lk == CXCursor_MemberRefExpr) {
                chk_eval(fn, st, lkid[0], depth + 1);
            }
            chk_assign(fn, st, p, r, e);
            chk_order_assigned(fn, st, p, kid[1], false);
            chk_copy_record(fn, st, p, record_place(fn, kid[1]), e);
        } else {
            chk_eval(fn, st, kid[0], depth + 1);
            /* a struct copied where we do not follow it (`*(top++) = value`) takes its fields'
             * blocks with it */
            chk_record_leaves(fn, st, record_place(fn, kid[1]), e, false);
            /* stored somewhere we do not follow: an array element, through an expression */
            CXCursor root = l;
            for (int i = 0; i < CHK_MAX_DEPTH; i++) {
                CXCursor rk[2];
                enum CXCursorKind k = clang_getCursorKind(root);
                if ((k == CXCursor_ArraySubscriptExpr || k == CXCursor_MemberRefExpr ||
                     k == CXCursor_UnaryOperator) &&
                    chk_children(root, rk, 2) >= 1)
                    root = chk_strip(rk[0]);
                else
                    break;
            }
            int rp = chk_place_of(fn, root);
            if (clang_getCursorKind(l) == CXCursor_ArraySubscriptExpr && rp >= 0)
                forget_elems(fn, st, -1, rp, -1);
            if ((r.m & VM_STACK) && rp >= 0 &&
                (fn->pl[rp].global || (fn->pl[rp].param && fn->pl[rp].pointer)))
                chk_rule_dangling_stack(fn, st, r, e, rp);
            chk_escape(fn, st, r);
        }
        return r;
    }
    if (op == CXBinaryOperator_Comma) {
        chk_eval(fn, st, kid[0], depth + 1);
        return chk_eval(fn, st, kid[1], depth + 1);
    }
    chk_val a = chk_eval(fn, st, kid[0], depth + 1);
    chk_val b = chk_eval(fn, st, kid[1], depth + 1);
    if (op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub) {
        if (is_pointerish(a) && !is_pointerish(b))
            return pointer_step(a, kid[0], kid[1], b, op == CXBinaryOperator_Add ? 1 : -1);
        if (is_pointerish(b) && !is_pointerish(a) && op == CXBinaryOperator_Add)
            return pointer_step(b, kid[1], kid[0], a, 1);
    }
    /* `(uintptr_t)p & ~(align - 1)`: p rounded down to an alignment, still inside its block
     * (gnulib's malloca). A mask that clears the high bits leaves a small integer instead. */
    long long mask;
    if (op == CXBinaryOperator_And && is_pointerish(a) && !is_pointerish(b) &&
        int_operand(kid[1], b, &mask) && mask < 0)
        return chk_val_shift(a, false, 0);
    if (a.m == VM_INT && b.m == VM_INT) {
        switch (op) {
        case CXBinaryOperator_EQ:
            return int_val(a.k == b.k);
        case CXBinaryOperator_NE:
            return int_val(a.k != b.k);
        default:
            break;
        }
    }
    /* a comparison the path's branches decided already (`use(n >= 0 ? p : NULL)` after
     * `if (n < 0) free(p);`) */
    if (op >= CXBinaryOperator_LT && op <= CXBinaryOperator_NE) {
        int truth = chk_compare_truth(fn, st, e);
        if (truth >= 0) return int_val(truth);
    }
    return unknown;
}

static chk_val eval_compound_assign(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[2];
    if (chk_children(e, kid, 2) != 2) return eval_kids(fn, st, e, depth);
    chk_val n = chk_eval(fn, st, kid[1], depth + 1);
    chk_val v = chk_eval(fn, st, kid[0], depth + 1);
    int p = chk_place_of(fn, kid[0]);
    enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);
    if ((v.m & VM_OBJ) && (op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign))
        v = pointer_step(v, kid[0], kid[1], n, op == CXBinaryOperator_AddAssign ? 1 : -1);
    else if (v.m & VM_OBJ)
        v = chk_val_shift(v, false, 0);
    else
        v = unknown;
    if (p >= 0) st->v[p] = v;
    chk_index_changed(fn, st, p);
    if (p >= 0 && pointer_typed(kid[0])) forget_arrow_fields(fn, st, p);
    if (op == CXBinaryOperator_AddAssign) chk_order_assigned(fn, st, p, kid[1], true);
    return v;
}

/* What `c ? a : b` may be when c is not known: either, as one value, when that can be said
 * without naming two blocks at once. */
static chk_val either(chk_fn *fn, chk_state *st, chk_val a, chk_val b)
{
    if (a.m == b.m && a.obj == b.obj && a.k == b.k) return a;
    if (chk_val_null_only(a) && (b.m & VM_OBJ)) return b.m |= VM_NULL, b;
    if (chk_val_null_only(b) && (a.m & VM_OBJ)) return a.m |= VM_NULL, a;
    bool two_blocks = (a.m & VM_OBJ) && (b.m & VM_OBJ) && a.obj != b.obj;
    bool two_places = (a.m & b.m & (VM_STACK | VM_ADDR)) && a.k != b.k;
    if (two_blocks || two_places || chk_val_const(a) || chk_val_const(b) ||
        ((a.m | b.m) & (VM_MOVED | VM_STATUS))) {
        chk_escape(fn, st, a);
        chk_escape(fn, st, b);
        return unknown;
    }
    chk_val r = (a.m & (VM_OBJ | VM_STACK)) ? a : b;
    r.m = (uint16_t)(a.m | b.m);
    if (!(r.m & VM_OBJ)) r.obj = -1;
    return r;
}

static chk_val eval_conditional(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[3];
    if (chk_children(e, kid, 3) != 3) return eval_kids(fn, st, e, depth);
    /* split into paths by the CFG: the condition was tested on the way here */
    if (fn->arm && chk_same_node(e, fn->arm_of)) return chk_eval(fn, st, kid[fn->arm], depth + 1);
    chk_val c = chk_eval(fn, st, kid[0], depth + 1);
    if (chk_val_truth(c) >= 0) return chk_eval(fn, st, kid[chk_val_truth(c) ? 1 : 2], depth + 1);
    chk_val a = chk_eval(fn, st, kid[1], depth + 1);
    chk_val b = chk_eval(fn, st, kid[2], depth + 1);
    return either(fn, st, a, b);
}

/* Whether e cannot finish: a call that never returns, alone or in a comma chain
 * (`(fprintf(stderr, ...), exit(1), NULL)`). */
static bool never_returns(chk_fn *fn, CXCursor e, int depth)
{
    e = chk_strip(e);
    CXCursor kid[2];
    if (depth > CHK_MAX_DEPTH) return false;
    if (clang_getCursorKind(e) == CXCursor_CallExpr) return chk_call_noreturn(fn->tu, e);
    if (clang_getCursorKind(e) == CXCursor_BinaryOperator &&
        clang_getCursorBinaryOperatorKind(e) == CXBinaryOperator_Comma &&
        chk_children(e, kid, 2) == 2)
        return never_returns(fn, kid[0], depth + 1) || never_returns(fn, kid[1], depth + 1);
    return false;
}

/* GNU's `a ?: b`, which libclang shows as an unexposed expression with a four times: the common
 * operand, then the condition and the true arm (both that same operand), then b. The operand is
 * evaluated once (`xrealloc`'s `realloc(p, n) ?: vmefail()` reallocates once), and where b
 * cannot return it is not 0 past the expression. */
static bool binary_conditional(CXCursor e, CXCursor *kid)
{
    return chk_children(e, kid, 4) == 4 && chk_same_node(kid[0], kid[1]) &&
           chk_same_node(kid[0], kid[2]) && !chk_same_node(kid[0], kid[3]);
}

static chk_val eval_binary_conditional(chk_fn *fn, chk_state *st, CXCursor common, CXCursor other,
                                       int depth)
{
    chk_val a = chk_eval(fn, st, common, depth + 1);
    int truth = chk_val_truth(a);
    if (truth > 0) return a;
    if (truth == 0) return chk_eval(fn, st, other, depth + 1);
    bool pointer = clang_getCanonicalType(clang_getCursorType(common)).kind == CXType_Pointer;
    if (never_returns(fn, other, depth + 1)) /* the path where a is 0 ends in b */
        return pointer ? chk_refine_non_null(fn, st, a) : a;
    chk_val b = chk_eval(fn, st, other, depth + 1);
    if (a.m & VM_OBJ) a.m &= (uint16_t)~VM_NULL; /* a NULL a gives b */
    return either(fn, st, a, b);
}

/* `(int[]){1, 2}` in a function is an unnamed local: as an array it decays to a stack address
 * (k = -1: no place of its own). A struct literal is a value; what it holds escapes. */
static chk_val eval_compound_literal(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor kid[4];
    int n = chk_children(e, kid, 4);
    for (int i = 0; i < n && i < 4; i++)
        chk_escape(fn, st, chk_eval(fn, st, kid[i], depth + 1));
    CXType t = clang_getCanonicalType(clang_getCursorType(e));
    if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
        return (chk_val){.m = VM_STACK, .obj = -1, .k = -1, .site = chk_site_of(fn, e)};
    return unknown;
}

/* Every place named inside e escapes: used where a construct is not followed. */
static enum CXChildVisitResult escape_visit(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    void **a = d;
    chk_fn *fn = a[0];
    chk_state *st = a[1];
    if (clang_getCursorKind(c) == CXCursor_DeclRefExpr) {
        int p = chk_place_of(fn, c);
        if (p >= 0) chk_escape(fn, st, st->v[p]);
    }
    return CXChildVisit_Recurse;
}

void chk_escape_mentions(chk_fn *fn, chk_state *st, CXCursor e)
{
    void *a[2] = {fn, st};
    clang_visitChildren(e, escape_visit, a);
}

static void eval_var_decl(chk_fn *fn, chk_state *st, CXCursor decl, int depth);

static chk_val eval_stmt_expr(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    CXCursor body[1];
    if (chk_children(e, body, 1) != 1) return unknown;
    CXCursor kid[64];
    int n = chk_children(body[0], kid, 64);
    if (n > 64) {
        chk_escape_mentions(fn, st, e);
        return unknown;
    }
    chk_val last = unknown;
    for (int i = 0; i < n; i++) {
        enum CXCursorKind k = clang_getCursorKind(kid[i]);
        if (k == CXCursor_DeclStmt) {
            CXCursor d[16];
            int nd = chk_children(kid[i], d, 16);
            for (int j = 0; j < nd && j < 16; j++)
                if (clang_getCursorKind(d[j]) == CXCursor_VarDecl)
                    eval_var_decl(fn, st, d[j], depth);
            last = unknown;
        } else if (clang_isExpression(k)) {
            last = chk_eval(fn, st, kid[i], depth + 1);
        } else if (k != CXCursor_NullStmt) {
            /* control flow inside an expression: not followed */
            fn->unmodelled = true;
            chk_escape_mentions(fn, st, e);
            return unknown;
        }
    }
    return last;
}

/* `va_arg(ap, T)`, which libclang shows as an unexposed expression around `ap` (decayed to a
 * pointer to its __va_list_tag): its value is the next argument, not the address of the local
 * `ap` (sqlite's `sqlite3Config.pPage = va_arg(ap, void *)`). Told from a cast by its operand's
 * type, which is looked at by name only where a cast could not produce the expression's type
 * from it: a pointer to a struct that becomes something else. */
static bool is_va_arg(CXCursor e, CXCursor operand)
{
    CXType from = clang_getCanonicalType(clang_getCursorType(operand));
    if (from.kind != CXType_Pointer) return false;
    CXType tag = clang_getCanonicalType(clang_getPointeeType(from));
    if (tag.kind != CXType_Record) return false;
    CXType to = clang_getCanonicalType(clang_getCursorType(e));
    if (to.kind == CXType_Pointer &&
        clang_equalTypes(clang_getPointeeType(to), clang_getPointeeType(from)))
        return false;
    CXString name = clang_getCursorSpelling(clang_getTypeDeclaration(tag));
    bool va = strcmp(clang_getCString(name), "__va_list_tag") == 0;
    clang_disposeString(name);
    return va;
}

static chk_val eval_inner(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    enum CXCursorKind k = clang_getCursorKind(e);
    /* a test stored in an integer, split into paths by the CFG (value_test): its truth here */
    if (fn->arm && k != CXCursor_ConditionalOperator && chk_same_node(e, fn->arm_of))
        return int_val(fn->arm == 1);
    switch (k) {
    case CXCursor_ParenExpr:
    case CXCursor_UnexposedExpr:
    case CXCursor_CStyleCastExpr: {
        CXCursor kid[4];
        int n = chk_children(e, kid, 4);
        if (k == CXCursor_UnexposedExpr && n == 4 && binary_conditional(e, kid))
            return eval_binary_conditional(fn, st, kid[0], kid[3], depth);
        if (k == CXCursor_UnexposedExpr && n == 1 && is_va_arg(e, kid[0])) {
            chk_eval(fn, st, kid[0], depth + 1);
            return unknown;
        }
        if (n == 1 || (k == CXCursor_CStyleCastExpr && n == 2))
            return chk_eval(fn, st, kid[n - 1], depth + 1);
        eval_kids(fn, st, e, depth);
        return unknown;
    }
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral:
        return eval_literal(e);
    case CXCursor_StringLiteral:
        return (chk_val){.m = VM_STATIC, .obj = -1, .k = 0, .site = chk_site_of(fn, e)};
    case CXCursor_CompoundLiteralExpr:
        return eval_compound_literal(fn, st, e, depth);
    case CXCursor_DeclRefExpr:
        return eval_declref(fn, st, e);
    case CXCursor_MemberRefExpr:
        return eval_member(fn, st, e, depth);
    case CXCursor_UnaryOperator:
        return eval_unary(fn, st, e, depth);
    case CXCursor_BinaryOperator:
        return eval_binary(fn, st, e, depth);
    case CXCursor_CompoundAssignOperator:
        return eval_compound_assign(fn, st, e, depth);
    case CXCursor_ConditionalOperator:
        return eval_conditional(fn, st, e, depth);
    case CXCursor_CallExpr:
        return chk_eval_call(fn, st, e, depth);
    case CXCursor_StmtExpr:
        return eval_stmt_expr(fn, st, e, depth);
    case CXCursor_UnaryExpr:
        return unknown; /* sizeof, alignof: not evaluated */
    case CXCursor_ArraySubscriptExpr: {
        CXCursor kid[2];
        if (chk_children(e, kid, 2) != 2) return unknown;
        chk_val b = chk_eval(fn, st, kid[0], depth + 1);
        chk_eval(fn, st, kid[1], depth + 1);
        use(fn, st, b, e, "dereferenced");
        int p = chk_place_of(fn, e);
        return p >= 0 ? st->v[p] : unknown;
    }
    case CXCursor_InitListExpr: {
        /* The braces of a struct literal handed to a function whose summary is known: a place's
         * block stays with the place, the summary says what the callee does with the fields. */
        bool lent = fn->lent_literal;
        fn->lent_literal = false;
        CXCursor kid[64];
        int n = chk_children(e, kid, 64);
        for (int i = 0; i < n && i < 64; i++) {
            chk_val v = chk_eval(fn, st, kid[i], depth + 1);
            if (!lent || chk_place_of(fn, chk_strip(kid[i])) < 0) chk_escape(fn, st, v);
        }
        if (n > 64) chk_escape_mentions(fn, st, e);
        return unknown;
    }
    default:
        if (clang_isExpression(k)) eval_kids(fn, st, e, depth);
        return unknown;
    }
}

chk_val chk_eval(chk_fn *fn, chk_state *st, CXCursor e, int depth)
{
    if (depth > CHK_MAX_DEPTH) {
        fn->unmodelled = true;
        chk_escape_mentions(fn, st, e);
        return unknown;
    }
    chk_val v = eval_inner(fn, st, e, depth);
    if (!fn->watch_hit && !clang_Cursor_isNull(fn->watch) && chk_same_node(e, fn->watch)) {
        fn->watched = v;
        fn->watch_hit = true;
    }
    return v;
}

/* ------------------------------------------------------------------ events */

static void eval_var_decl(chk_fn *fn, chk_state *st, CXCursor decl, int depth)
{
    int p = chk_place_var(fn, decl);
    CXCursor kid[8];
    int n = chk_children(decl, kid, 8);
    CXCursor init = clang_getNullCursor();
    for (int i = 0; i < n && i < 8; i++)
        if (clang_isExpression(clang_getCursorKind(kid[i]))) init = kid[i];
    if (p >= 0 && !fn->pl[p].global && chk_is_record_init(decl, init)) {
        chk_init_record(fn, st, p, decl, init);
        return;
    }
    chk_val v = unknown;
    if (!clang_Cursor_isNull(init)) v = chk_eval(fn, st, init, depth + 1);
    if (p < 0) {
        chk_escape(fn, st, v);
        return;
    }
    if (!clang_Cursor_isNull(init)) chk_copy_record(fn, st, p, record_place(fn, init), init);
    if (fn->pl[p].global) {
        if (v.m & VM_STACK) chk_rule_dangling_stack(fn, st, v, decl, p);
        chk_escape(fn, st, v);
        return;
    }
    if (fn->pl[p].local_array) return;
    if (!fn->pl[p].flag && !fn->pl[p].pointer && chk_val_const(v) && !chk_val_null_only(v))
        v = unknown;
    st->v[p] = v;
    forget_arrow_fields(fn, st, p);
    chk_index_changed(fn, st, p);
    if (!clang_Cursor_isNull(init)) chk_order_assigned(fn, st, p, init, false);
}

void chk_cleanup_var(chk_fn *fn, chk_state *st, int place, CXSourceLocation at)
{
    (void)at;
    const char *f = fn->pl[place].cleanup;
    chk_val v = st->v[place];
    chk_summary *s = chk_summary_find(fn->tu, f);
    if (!s) s = chk_import(fn->tu, f);
    bool frees = false;
    if (s && s->known) {
        const chk_effect *e = chk_summary_deref_effect(s, 0);
        frees = e && e->fate == FATE_FREED;
        if (!frees && e && e->fate == FATE_KEPT) chk_escape(fn, st, v);
    } else {
        /* no body here: trust the name of the usual freep/fclosep/closedirp helpers */
        frees = strstr(f, "free") || strstr(f, "close") || strstr(f, "drop") || strstr(f, "unref");
    }
    if (frees) {
        /* as for a call of a helper: what the freed block holds (`o->name`, freed by the
         * obj_free that obj_freep calls) is the helper's business, never a leak of ours */
        int fam = strstr(f, "fclose") ? FAM_FILE : strstr(f, "closedir") ? FAM_DIR : FAM_NONE;
        chk_free_value(fn, st, v, fam, fn->pl[place].decl, fn->pl[place].decl, f, true);
    } else {
        chk_escape(fn, st, v);
    }
}

/* Whether place p is a field of a block reached through a pointer (`q->f` with q a heap block,
 * or one not known), which outlives the function, unlike a field of its stack. */
static bool in_a_block(const chk_fn *fn, const chk_state *st, int p)
{
    const chk_place *pl = &fn->pl[p];
    if (pl->kind != PL_FIELD || !pl->arrow || pl->base < 0) return false;
    chk_val base = st->v[pl->base];
    return (base.m & (VM_OBJ | VM_UNKNOWN)) != 0;
}

static void transfer(chk_fn *fn, chk_state *st, const chk_event *ev)
{
    switch (ev->kind) {
    case EV_EXPR: {
        /* a result nobody stores (`malloc(16);`) is lost on its own line */
        chk_val v = chk_eval(fn, st, ev->c, 0);
        if ((v.m & VM_OBJ) && v.obj >= 0)
            lose_obj(fn, st, v.obj, -1, clang_getCursorLocation(ev->c), LOSE_DISCARD);
        break;
    }
    case EV_DECL:
        eval_var_decl(fn, st, ev->c, 0);
        break;
    case EV_RETURN: {
        CXCursor kid[1];
        if (chk_children(ev->c, kid, 1) < 1) break;
        chk_val v = chk_eval(fn, st, kid[0], 0);
        chk_record_leaves(fn, st, record_place(fn, kid[0]), ev->c, true);
        if (v.m & VM_STACK) chk_rule_dangling_stack(fn, st, v, ev->c, -1);
        if (v.m & VM_OBJ) use(fn, st, v, kid[0], "returned");
        /* what the returned block holds (`s->handle = f; return s;`) goes with it: a parameter
         * stored there is kept, and the summary says so */
        if ((v.m & VM_OBJ) && v.obj >= 0)
            for (int i = 1; i < fn->np; i++) {
                const chk_place *pl = &fn->pl[i];
                if (pl->kind == PL_VAR || !pl->arrow) continue;
                chk_val b = st->v[pl->base];
                if ((b.m & VM_OBJ) && b.obj == v.obj) chk_escape(fn, st, st->v[i]);
            }
        st->v[0] = v;
        break;
    }
    case EV_SCOPE_END: {
        int p = chk_place_var(fn, ev->c);
        if (p < 0) break;
        if (fn->pl[p].cleanup[0]) chk_cleanup_var(fn, st, p, ev->at);
        chk_lose_place(fn, st, p, ev->at, ev->why);
        break;
    }
    case EV_PARAMS_END:
        /* a local's address still stored where the caller (or anyone) sees it outlives it */
        for (int i = 1; i < fn->np; i++) {
            chk_val v = st->v[i];
            if (!(v.m & VM_STACK) || v.k < 0 ||
                !(chk_place_caller_visible(fn, i) ||
                  (fn->pl[i].kind == PL_VAR && fn->pl[i].global)))
                continue;
            CXCursor at = v.site >= 0 && v.site < fn->nsites ? fn->sites[v.site].c : ev->c;
            chk_rule_dangling_stack(fn, st, v, at, i);
        }
        /* a caller's block left where the caller (or anyone) can reach it is kept, not lost:
         * in a place the caller sees, in a global, or in a block (tmux's format_add_modifier,
         * `fm = &(*list)[(*count)++]; fm->argv = argv;`) */
        for (int i = 1; i < fn->np; i++) {
            chk_val v = st->v[i];
            if ((v.m & VM_OBJ) && chk_obj_is_entry(fn, v.obj) && v.obj != chk_entry_obj(fn, i) &&
                !(st->o[v.obj].m & OM_FREED) &&
                (chk_place_caller_visible(fn, i) ||
                 (fn->pl[i].kind == PL_VAR && fn->pl[i].global) || in_a_block(fn, st, i)))
                chk_escape(fn, st, v);
        }
        for (int i = 1; i < fn->np; i++)
            if (fn->pl[i].kind == PL_VAR && fn->pl[i].param) {
                chk_val v = st->v[i];
                if ((v.m & VM_OBJ) && chk_obj_is_entry(fn, v.obj)) continue; /* the caller's */
                chk_lose_place(fn, st, i, ev->at, LOSE_RETURN);
            }
        break;
    }
}

void chk_transfer_event(chk_fn *fn, chk_state *st, const chk_event *ev)
{
    fn->arm_of = ev->arm_of;
    fn->arm = clang_Cursor_isNull(ev->arm_of) ? 0 : ev->arm;
    transfer(fn, st, ev);
    fn->arm = 0;
}
