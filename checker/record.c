/* record.c: structs as holders of owners. A struct variable's fields are places of their own
 * (`s.buf`), so what moves in and out of a struct by whole values has to be spelled out field by
 * field: a braced initialiser assigns each field it names (and NULL to the rest), a copy
 * `b = a` gives each field of b the value of the same field of a, and a struct that leaves the
 * function by value (returned, passed to a call) takes its fields' blocks with it. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define MAX_FIELDS 64
#define MAX_NEST   4

typedef struct {
    CXCursor v[MAX_FIELDS];
    int n;
} field_list;

static enum CXVisitorResult take_field(CXCursor c, CXClientData d)
{
    field_list *l = d;
    if (l->n < MAX_FIELDS) l->v[l->n++] = c;
    return CXVisit_Continue;
}

static bool is_record(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Record;
}

static void fields_of(CXType t, field_list *l)
{
    l->n = 0;
    clang_Type_visitFields(clang_getCanonicalType(t), take_field, l);
}

/* One element of a braced list: `.a.b = x` names its fields (MemberRef children before the
 * value), a plain `x` takes the next field in order. Returns the value; chain and nchain get the
 * named fields. */
static CXCursor designated(CXCursor elem, CXCursor *chain, int *nchain)
{
    *nchain = 0;
    if (clang_getCursorKind(elem) != CXCursor_UnexposedExpr) return elem;
    CXCursor kid[MAX_NEST + 1];
    int n = chk_children(elem, kid, MAX_NEST + 1);
    if (n < 2 || n > MAX_NEST + 1 || clang_getCursorKind(kid[0]) != CXCursor_MemberRef) return elem;
    for (int i = 0; i < n - 1; i++) {
        if (clang_getCursorKind(kid[i]) != CXCursor_MemberRef) return elem;
        chain[(*nchain)++] = clang_getCursorReferenced(kid[i]);
    }
    return kid[n - 1];
}

static int field_index(const field_list *l, CXCursor f)
{
    for (int i = 0; i < l->n; i++)
        if (chk_same_node(l->v[i], f)) return i;
    return -1;
}

/* Walks the braced list `list` that initialises the struct at `place` (of type t). With st NULL
 * it only creates the places (while places are collected); with a state it assigns them. */
static void walk_init(chk_fn *fn, chk_state *st, int place, CXType t, CXCursor list, int depth)
{
    if (depth > MAX_NEST) return;
    field_list fields;
    fields_of(t, &fields);
    CXCursor elem[MAX_FIELDS];
    int n = chk_children(list, elem, MAX_FIELDS);
    if (n > MAX_FIELDS) n = MAX_FIELDS;
    int next = 0;
    for (int i = 0; i < n; i++) {
        CXCursor chain[MAX_NEST];
        int nchain;
        CXCursor value = designated(elem[i], chain, &nchain);
        int target = place;
        CXCursor field = clang_getNullCursor();
        if (nchain > 0) {
            for (int c = 0; c < nchain - 1 && target >= 0; c++)
                target = chk_place_field(fn, target, chain[c], false);
            field = chain[nchain - 1];
            int at = field_index(&fields, chain[0]);
            if (nchain == 1 && at >= 0) next = at + 1;
        } else if (next < fields.n) {
            field = fields.v[next++];
        }
        int fp = clang_Cursor_isNull(field) || target < 0
                     ? -1
                     : chk_place_field(fn, target, field, false);
        CXType ft = clang_Cursor_isNull(field) ? t : clang_getCursorType(field);
        bool nested = clang_getCursorKind(chk_strip(value)) == CXCursor_InitListExpr;
        if (nested && fp >= 0 && is_record(ft)) {
            walk_init(fn, st, fp, ft, chk_strip(value), depth + 1);
            continue;
        }
        if (!st) continue;
        chk_val v = chk_eval(fn, st, value, 1);
        if (fp >= 0)
            chk_assign(fn, st, fp, v, value);
        else
            chk_escape(fn, st, v);
    }
}

static void set_fields_null(chk_fn *fn, chk_state *st, int place, int depth)
{
    if (depth > MAX_NEST) return;
    for (int i = 1; i < fn->np; i++)
        if (fn->pl[i].kind == PL_FIELD && fn->pl[i].base == place && !fn->pl[i].arrow) {
            st->v[i] = (chk_val){.m = VM_NULL, .obj = -1, .k = 0, .site = -1};
            set_fields_null(fn, st, i, depth + 1);
        }
}

bool chk_is_record_init(CXCursor decl, CXCursor init)
{
    return !clang_Cursor_isNull(init) && is_record(clang_getCursorType(decl)) &&
           clang_getCursorKind(chk_strip(init)) == CXCursor_InitListExpr;
}

void chk_prepare_record_init(chk_fn *fn, int place, CXCursor decl, CXCursor init)
{
    if (place >= 0 && chk_is_record_init(decl, init))
        walk_init(fn, NULL, place, clang_getCursorType(decl), chk_strip(init), 0);
}

void chk_init_record(chk_fn *fn, chk_state *st, int place, CXCursor decl, CXCursor init)
{
    set_fields_null(fn, st, place, 0); /* what the list leaves out is zero */
    walk_init(fn, st, place, clang_getCursorType(decl), chk_strip(init), 0);
}

/* ------------------------------------------------------------------ copies */
static void copy_fields(chk_fn *fn, chk_state *st, int dst, int src, CXCursor at, int depth)
{
    if (depth > MAX_NEST) return;
    for (int i = 1; i < fn->np; i++) {
        const chk_place *s = &fn->pl[i];
        if (s->kind != PL_FIELD || s->base != src || s->arrow) continue;
        int d = -1;
        for (int j = 1; j < fn->np && d < 0; j++)
            if (fn->pl[j].kind == PL_FIELD && fn->pl[j].base == dst && !fn->pl[j].arrow &&
                chk_same_node(fn->pl[j].decl, s->decl))
                d = j;
        if (d < 0) {
            chk_escape(fn, st, st->v[i]); /* copied where we do not follow it */
            continue;
        }
        chk_assign(fn, st, d, st->v[i], at);
        copy_fields(fn, st, d, i, at, depth + 1);
    }
}

void chk_copy_record(chk_fn *fn, chk_state *st, int dst, int src, CXCursor at)
{
    if (dst < 0 || src < 0 || dst == src) return;
    copy_fields(fn, st, dst, src, at, 0);
}

/* ------------------------------------------------------------------ leaving by value */
static void fields_leave(chk_fn *fn, chk_state *st, int place, CXCursor at, bool returned,
                         int depth)
{
    if (depth > MAX_NEST) return;
    for (int i = 1; i < fn->np; i++) {
        if (fn->pl[i].kind != PL_FIELD || fn->pl[i].base != place || fn->pl[i].arrow) continue;
        chk_val v = st->v[i];
        if (returned && (v.m & VM_STACK)) chk_rule_dangling_stack(fn, st, v, at, -1);
        if (returned && (v.m & VM_OBJ)) chk_rule_use_after_free(fn, st, v, at, "returned");
        chk_escape(fn, st, v);
        fields_leave(fn, st, i, at, returned, depth + 1);
    }
}

void chk_record_leaves(chk_fn *fn, chk_state *st, int place, CXCursor at, bool returned)
{
    if (place >= 0) fields_leave(fn, st, place, at, returned, 0);
}
