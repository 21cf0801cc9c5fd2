/* state.c: one path's state - the value of every place and the state of every heap object - and
 * the join of two states where paths meet. Values are bit sets, so a join is mostly an OR; what an
 * OR would blur (two different constants, two different objects in one pointer) keeps the states
 * apart as separate disjuncts, until there are too many and a forced join gives up precision the
 * safe way (unknown values, escaped objects: no error can come from them). */
#include <string.h>

#include "engine.h"

static const chk_val unknown = {.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};

size_t chk_state_bytes(const chk_fn *fn)
{
    return (size_t)fn->np * sizeof(chk_val) + (size_t)fn->nobj * sizeof(chk_obj) +
           CHK_MAX_ORDER * sizeof(chk_order);
}

static bool rooted_at_param_or_global(const chk_fn *fn, int p)
{
    int r = chk_place_root(fn, p);
    return r >= 0 && (fn->pl[r].param || fn->pl[r].global);
}

void chk_state_init_entry(chk_fn *fn, chk_state *st)
{
    for (int i = 0; i < fn->np; i++)
        st->v[i] = unknown;
    memset(st->ord, 0, CHK_MAX_ORDER * sizeof *st->ord);
    for (int i = 0; i < fn->nobj; i++)
        st->o[i] =
            (chk_obj){.m = 0, .fam = FAM_NONE, .realloc_of = -1, .alloc_site = -1, .free_site = -1};
    /* A caller's block behind each pointer parameter, field of a parameter or global: not ours
     * to free, but freeing it twice or using it after freeing it is still an error. */
    for (int i = 1; i < fn->np; i++) {
        const chk_place *p = &fn->pl[i];
        if (!p->pointer || p->local_array) continue;
        if (p->kind == PL_VAR && !p->param && !p->global) continue;
        if (!rooted_at_param_or_global(fn, i)) continue;
        if (p->kind == PL_VAR && p->global && chk_global_is_literal(fn->tu, p->decl)) {
            st->v[i] = (chk_val){.m = VM_STATIC, .obj = -1, .k = 0, .site = -1};
            continue;
        }
        int obj = chk_entry_obj(fn, i);
        st->v[i] = (chk_val){.m = VM_OBJ | VM_NULL, .obj = (int16_t)obj, .k = 0, .site = -1};
        st->o[obj].m = OM_PARAM | OM_LIVE;
    }
}

void chk_state_copy(const chk_fn *fn, chk_state *dst, const chk_state *src)
{
    memcpy(dst->v, src->v, (size_t)fn->np * sizeof(chk_val));
    memcpy(dst->o, src->o, (size_t)fn->nobj * sizeof(chk_obj));
    memcpy(dst->ord, src->ord, CHK_MAX_ORDER * sizeof(chk_order));
}

bool chk_val_null_only(chk_val v)
{
    return v.m == VM_NULL || (v.m == VM_INT && v.k == 0);
}

/* What a pointer surely points to, as far as keeping paths apart goes: a block, a stack variable,
 * static memory or something unknown. NULL alone says nothing and joins with any of them. */
enum { T_NONE, T_OBJ, T_STACK, T_STATIC, T_UNKNOWN };

static int target(chk_val v, int *id)
{
    *id = 0;
    if (v.m & VM_OBJ) {
        *id = v.obj;
        return T_OBJ;
    }
    uint16_t m = (uint16_t)(v.m & ~(VM_NULL | VM_ADDR));
    if (m == VM_STACK) {
        *id = v.k;
        return T_STACK;
    }
    if (m == VM_STATIC) return T_STATIC;
    return (m & VM_UNKNOWN) ? T_UNKNOWN : T_NONE;
}

/* Marks the objects a state can still reach: held by a place, named by a status result, or the
 * old block of a reachable realloc (its failure path revives it). */
static void mark_referenced(const chk_fn *fn, const chk_state *st, unsigned char *mark)
{
    memset(mark, 0, (size_t)fn->nobj);
    for (int i = 0; i < fn->np; i++) {
        chk_val v = st->v[i];
        if ((v.m & VM_OBJ) && v.obj >= 0 && v.obj < fn->nobj) mark[v.obj] = 1;
        if ((v.m & VM_STATUS) && v.k >= 0 && v.k < fn->nobj) mark[v.k] = 1;
    }
    bool more = true;
    for (int round = 0; round < 4 && more; round++) {
        more = false;
        for (int i = 0; i < fn->nobj; i++) {
            int old = st->o[i].realloc_of;
            if (mark[i] && old >= 0 && old < fn->nobj && !mark[old]) {
                mark[old] = 1;
                more = true;
            }
        }
    }
}

/* Only the constants some branch decides on keep states apart (tested.c); a pointer's NULL
 * always does. */
static bool keyed(const chk_place *pl)
{
    return pl->pointer || pl->tested;
}

static bool constants_differ(const chk_place *pl, chk_val x, chk_val y)
{
    if (!keyed(pl)) return false;
    return chk_val_const(x) != chk_val_const(y) || (chk_val_const(x) && (x.m != y.m || x.k != y.k));
}

/* A tested pointer (a guard) NULL on one path and surely not NULL on the other. */
static bool guard_nullness_differs(const chk_place *pl, chk_val x, chk_val y)
{
    if (!pl->pointer || !pl->tested) return false;
    bool x_null = chk_val_null_only(x), y_null = chk_val_null_only(y);
    bool x_set = x.m && !(x.m & (VM_NULL | VM_MOVED)) && !x_null &&
                 (!(x.m & VM_UNKNOWN) || (x.m & VM_NONNULL));
    bool y_set = y.m && !(y.m & (VM_NULL | VM_MOVED)) && !y_null &&
                 (!(y.m & VM_UNKNOWN) || (y.m & VM_NONNULL));
    return (x_null && y_set) || (y_null && x_set);
}

/* A pointer NULL on one path and holding a block (maybe NULL) on the other, when the paths
 * disagree on whether that block is freed or owned: joined, it would hold a block that may be
 * freed, and freeing it on the other path's terms would be reported. `free(tag); tag = dup(x);
 * if (!tag) goto error;` meets the caller's `tag`, kept, at `error: free(tag);`. */
static bool null_beside_changed_block(chk_val x, chk_val y, const chk_state *a, const chk_state *b)
{
    chk_val held = chk_val_null_only(x) ? y : chk_val_null_only(y) ? x : (chk_val){0};
    if (!(held.m & VM_OBJ) || held.obj < 0) return false;
    return ((a->o[held.obj].m ^ b->o[held.obj].m) & (OM_OWNED | OM_FREED)) != 0;
}

/* Whether a and b disagree on owning or having freed a block that place `guard` (if not -1)
 * does not hold itself: then the guard's NULL on one path and not on the other is what tells them
 * apart (`outFile` NULL exactly when `bsWr` was closed). A block neither path can reach is no
 * matter; one that only the guard holds is told apart by the guard's own NULL check. */
static bool owners_differ_beside(const chk_fn *fn, const chk_state *a, const chk_state *b,
                                 int guard)
{
    unsigned char in_a[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    unsigned char in_b[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    mark_referenced(fn, a, in_a);
    mark_referenced(fn, b, in_b);
    for (int i = 0; i < fn->nobj; i++) {
        if (!in_a[i] && !in_b[i]) continue;
        if (!((a->o[i].m ^ b->o[i].m) & (OM_OWNED | OM_FREED))) continue;
        if (guard < 0) return true;
        chk_val x = a->v[guard], y = b->v[guard];
        if (((x.m & VM_OBJ) && x.obj == i) || ((y.m & VM_OBJ) && y.obj == i)) continue;
        return true;
    }
    return false;
}

/* A place reached through a pointer that is NULL on this path cannot be read there: what it
 * held last (a list's `head->next` after the loop that emptied the list) says nothing about the
 * path, and must not keep it apart from others. */
static bool unreachable(const chk_fn *fn, const chk_state *st, int i)
{
    const chk_place *pl = &fn->pl[i];
    return pl->kind != PL_VAR && pl->arrow && pl->base >= 0 && chk_val_null_only(st->v[pl->base]);
}

/* An integer field or element kept as a flag (places.c). */
static bool field_flag(const chk_place *pl)
{
    return pl->kind != PL_VAR && pl->flag;
}

/* Two states are kept apart while they disagree on a flag's constant, on whether a handle was
 * moved, or on what a pointer points to: joined, a block freed on the path that moved past it
 * (the next node of a list) or a stack buffer on one path and a heap block on the other would be
 * blurred into errors that no path has. A guard pointer NULL on one path and set on the other
 * keeps them apart too, when they disagree on another owner: the guard is what says which. So
 * does a field's constant (`o->keep` when one path allocated): a struct's fields are many, and
 * keeping apart every option a function tests twice would multiply its states for nothing.
 * Opposite orders of two integers are such a guard too (order.c). */
bool chk_state_same_key(const chk_fn *fn, const chk_state *a, const chk_state *b)
{
    int guard = -1;
    for (int i = 0; i < fn->np; i++) {
        chk_val x = a->v[i], y = b->v[i];
        if (unreachable(fn, a, i) || unreachable(fn, b, i)) continue;
        if (constants_differ(&fn->pl[i], x, y)) {
            if (!field_flag(&fn->pl[i])) return false;
            if (guard < 0) guard = i;
        }
        if ((x.m & VM_MOVED) != (y.m & VM_MOVED)) return false;
        if (fn->pl[i].pointer && null_beside_changed_block(x, y, a, b)) return false;
        int ix, iy, tx = target(x, &ix), ty = target(y, &iy);
        if (tx != T_NONE && ty != T_NONE && (tx != ty || ix != iy)) return false;
        if (guard < 0 && guard_nullness_differs(&fn->pl[i], x, y)) guard = i;
    }
    if (guard >= 0) return !owners_differ_beside(fn, a, b, guard);
    /* Two integers compared one way on one path and the other way on the other (`if (i == n)
     * free(p);`) tell the paths apart like a flag, when they disagree on an owner: joined, the
     * block would be freed on a path that goes on to test `i == n` again and use it. */
    return !chk_order_disagree(a->ord, b->ord) || !owners_differ_beside(fn, a, b, -1);
}

/* Whether a place whose target() is (t, id) holds a block it owns in st. */
static bool holds_owned(const chk_state *st, int t, int id)
{
    return t == T_OBJ && (st->o[id].m & (OM_OWNED | OM_FREED)) == OM_OWNED;
}

/* How far apart two states are, for the join forced when a block holds CHK_MAX_DISJUNCT states
 * already: the places whose flag constant, guard's NULL or target differ (CHK_DISTANCE_HOLDER
 * for a target that is a block owned on one side), plus CHK_DISTANCE_OWNERS when the join would
 * blur which blocks are freed or owned - a block both states reach but only one has freed, or a
 * guard that tells two such states apart: joining "freed, flag 0" into "live, flag 1" would lose
 * the guard that keeps the free and the use apart. A block only one of them reaches keeps its
 * state in the join: no blur. */
int chk_state_distance(const chk_fn *fn, const chk_state *a, const chk_state *b)
{
    int d = 0, guard = -1;
    for (int i = 0; i < fn->np; i++) {
        chk_val x = a->v[i], y = b->v[i];
        if (unreachable(fn, a, i) || unreachable(fn, b, i)) continue;
        if (constants_differ(&fn->pl[i], x, y)) d += 2;
        if ((x.m & VM_MOVED) != (y.m & VM_MOVED)) d += 2;
        if (guard_nullness_differs(&fn->pl[i], x, y)) {
            d += 2;
            if (guard < 0) guard = i;
        }
        int ix, iy, tx = target(x, &ix), ty = target(y, &iy);
        if (tx != ty || ix != iy)
            d += holds_owned(a, tx, ix) || holds_owned(b, ty, iy) ? CHK_DISTANCE_HOLDER : 1;
    }
    if (guard >= 0 && owners_differ_beside(fn, a, b, guard)) return d + CHK_DISTANCE_OWNERS;
    unsigned char in_a[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    unsigned char in_b[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    mark_referenced(fn, a, in_a);
    mark_referenced(fn, b, in_b);
    for (int i = 0; i < fn->nobj; i++)
        if (in_a[i] && in_b[i] && ((a->o[i].m ^ b->o[i].m) & (OM_OWNED | OM_FREED)))
            return d + CHK_DISTANCE_OWNERS;
    return d;
}

static void join_obj(chk_obj *a, const chk_obj *b)
{
    a->m |= b->m;
    if (!a->fam) a->fam = b->fam;
    if (a->alloc_site < 0) a->alloc_site = b->alloc_site;
    if (a->free_site < 0) a->free_site = b->free_site;
    if (a->realloc_of < 0) a->realloc_of = b->realloc_of;
}

bool chk_state_join(const chk_fn *fn, chk_state *into, const chk_state *from, bool force)
{
    if (memcmp(into->v, from->v, (size_t)fn->np * sizeof(chk_val)) == 0 &&
        memcmp(into->o, from->o, (size_t)fn->nobj * sizeof(chk_obj)) == 0 &&
        memcmp(into->ord, from->ord, CHK_MAX_ORDER * sizeof(chk_order)) == 0)
        return false;
    bool changed = chk_order_join(into->ord, from->ord);
    /* A block no place of a path can reach any more has no future on that path: its state there
     * (freed by the previous trip round a loop, say) must not blur the state of the block that
     * the other path still holds. Only when both paths hold it, or neither, are the two joined. */
    unsigned char in_into[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    unsigned char in_from[2 * CHK_MAX_OBJECTS + CHK_MAX_PLACES];
    mark_referenced(fn, into, in_into);
    mark_referenced(fn, from, in_from);
    /* The blocks the caller passed, though, always have a future, in the caller: what the
     * summary says of one must come from every path. gnulib's tzfree, `if (z != SENTINEL)` then
     * a loop that frees node after node, frees the block on one path and leaves it alone on the
     * other: kept, then, not left live. */
    for (int p = 0; p < fn->np; p++)
        if (fn->pl[p].kind == PL_VAR && fn->pl[p].param)
            in_into[chk_entry_obj(fn, p)] = in_from[chk_entry_obj(fn, p)] = 1;
    for (int i = 0; i < fn->nobj; i++) {
        if (in_into[i] && !in_from[i]) continue;
        if (!in_into[i] && in_from[i]) {
            if (memcmp(&into->o[i], &from->o[i], sizeof from->o[i]) != 0) {
                into->o[i] = from->o[i];
                changed = true;
            }
            continue;
        }
        bool blurred = force && in_into[i] && in_from[i] &&
                       ((into->o[i].m ^ from->o[i].m) & (OM_OWNED | OM_FREED));
        chk_obj before = into->o[i];
        join_obj(&into->o[i], &from->o[i]);
        /* Forced together, "freed" on one path and "owned" on another is an artefact of running
         * out of states, not something one path does: the block is let go, the safe way. */
        if (blurred) into->o[i].m = (uint8_t)((into->o[i].m & ~OM_FREED) | OM_ESCAPED);
        changed |= memcmp(&before, &into->o[i], sizeof before) != 0;
    }
    for (int i = 0; i < fn->np; i++) {
        chk_val *x = &into->v[i];
        chk_val y = from->v[i];
        if (memcmp(x, &y, sizeof y) == 0) continue;
        chk_val old = *x;
        if (chk_val_const(*x) || chk_val_const(y)) {
            if (x->m == y.m && x->k == y.k) continue;
            if (!force && keyed(&fn->pl[i]) && chk_val_const(*x) && chk_val_const(y)) continue;
            /* two constants, or a constant and something else: no longer a constant */
            uint16_t m =
                (uint16_t)(((chk_val_const(*x) ? 0 : x->m) | (chk_val_const(y) ? 0 : y.m)));
            if (x->m == VM_INT && x->k == 0 && (y.m & (VM_OBJ | VM_NULL)))
                m |= VM_NULL;
            else if (y.m == VM_INT && y.k == 0 && (x->m & (VM_OBJ | VM_NULL)))
                m |= VM_NULL;
            else
                m |= VM_UNKNOWN;
            x->m = m;
            if (!(x->m & VM_OBJ)) x->obj = y.obj >= 0 && (y.m & VM_OBJ) ? y.obj : -1;
            if (x->obj >= 0) x->m |= VM_OBJ;
        } else {
            if ((x->m & VM_OBJ) && (y.m & VM_OBJ) && x->obj != y.obj) {
                /* only a forced join gets here: forget which block it is, safely */
                if (x->obj >= 0) into->o[x->obj].m |= OM_ESCAPED;
                if (y.obj >= 0) into->o[y.obj].m |= OM_ESCAPED;
                x->m = (uint16_t)((x->m | y.m | VM_UNKNOWN) & ~VM_OBJ);
                x->obj = -1;
            } else {
                if (!(x->m & VM_OBJ) && (y.m & VM_OBJ)) x->obj = y.obj;
                x->m |= y.m;
            }
            if (x->site < 0) x->site = y.site;
            if ((x->m & VM_OBJ) && (old.m & VM_OBJ) && (y.m & VM_OBJ) && x->off != y.off)
                x->off = CHK_OFF_UNKNOWN;
            else if (!(old.m & VM_OBJ) && (y.m & VM_OBJ))
                x->off = y.off;
            if ((x->m & VM_STACK) && !(old.m & VM_STACK)) x->k = y.k;
            if ((x->m & VM_STATUS) && !(old.m & VM_STATUS)) x->k = y.k;
        }
        /* "not NULL" holds after the join only where both paths found it */
        if (!(old.m & y.m & VM_NONNULL)) x->m &= (uint16_t)~VM_NONNULL;
        if (memcmp(&old, x, sizeof old) != 0) changed = true;
    }
    return changed;
}

bool chk_obj_referenced(const chk_fn *fn, const chk_state *st, int obj, int except_place)
{
    for (int i = 0; i < fn->np; i++) {
        if (i == except_place) continue;
        if ((st->v[i].m & VM_OBJ) && st->v[i].obj == obj) return true;
    }
    return false;
}
