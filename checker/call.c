/* call.c: what a call does to the state. A function of the same translation unit acts through its
 * summary (effects.c); one without a body known here through the built-in table (C library, POSIX,
 * libown); anything else through the conservative default: every block passed to it may have been
 * kept, so it escapes, and nothing it does can produce an error. */
#include <string.h>

#include "engine.h"

#define MAX_ARGS 16

static const chk_val unknown = {.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};

/* A call site met again (the next trip round a loop) while its last block is still held: that
 * block becomes the site's older object, so the new block does not inherit its state. When the
 * older object is itself still held, the blocks can no longer be told apart by site and the
 * previous one is let go of, safely: it escapes and whoever held it holds something unknown. */
static void retire(chk_fn *fn, chk_state *st, int id)
{
    int old = chk_older_obj(fn, id);
    bool held = false, older_held = old < 0; /* not in a loop: cannot happen, be safe */
    for (int i = 0; i < fn->np; i++) {
        chk_val v = st->v[i];
        if ((v.m & VM_OBJ) && v.obj == id) held = true;
        if ((v.m & VM_STATUS) && v.k == id) held = true;
        if ((v.m & VM_OBJ) && v.obj == old) older_held = true;
        if ((v.m & VM_STATUS) && v.k == old) older_held = true;
    }
    if (!held) return;
    if (older_held) {
        chk_escape(fn, st, (chk_val){.m = VM_OBJ, .obj = (int16_t)id, .k = 0, .site = -1});
        for (int i = 0; i < fn->np; i++) {
            chk_val *v = &st->v[i];
            if ((v->m & VM_OBJ) && v->obj == id) {
                /* not NULL stays known: a list's tail let go of here is still a node, and
                 * `if (last == NULL) head = new;` must not run again (nano's rcfile.c) */
                uint16_t nonnull = (v->m & VM_NULL) ? 0 : VM_NONNULL;
                v->m = (uint16_t)((v->m & ~(VM_OBJ | VM_INTERIOR)) | VM_UNKNOWN | nonnull);
                v->obj = -1;
            }
            if ((v->m & VM_STATUS) && v->k == id) v->m &= (uint16_t)~VM_STATUS;
        }
        return;
    }
    st->o[old] = st->o[id];
    fn->retires++;
    fn->retired_from = (int16_t)id;
    fn->retired_to = (int16_t)old;
    for (int i = 0; i < fn->np; i++) {
        chk_val *v = &st->v[i];
        if ((v->m & VM_OBJ) && v->obj == id) v->obj = (int16_t)old;
        if ((v->m & VM_STATUS) && v->k == id) v->k = old;
    }
    for (int i = 0; i < fn->nobj; i++)
        if (st->o[i].realloc_of == id) st->o[i].realloc_of = (int16_t)old;
}

chk_val chk_new_object(chk_fn *fn, chk_state *st, CXCursor call, int fam, bool nullable)
{
    int id = chk_site_of(fn, call);
    if (id < 0 || id >= fn->ncall_objs) return unknown;
    retire(fn, st, id);
    st->o[id] = (chk_obj){
        .m = OM_OWNED, .fam = (uint8_t)fam, .realloc_of = -1, .alloc_site = id, .free_site = -1};
    return (chk_val){
        .m = (uint16_t)(VM_OBJ | (nullable ? VM_NULL : 0)), .obj = (int16_t)id, .k = 0, .site = id};
}

chk_val chk_realloc_value(chk_fn *fn, chk_state *st, CXCursor call, chk_val old, bool nullable)
{
    int fam = FAM_MALLOC;
    if ((old.m & VM_OBJ) && old.obj >= 0 && st->o[old.obj].fam) fam = st->o[old.obj].fam;
    unsigned retires = fn->retires;
    chk_val r = chk_new_object(fn, st, call, fam, nullable);
    /* The call's own block of the last trip round a loop (`list = xreallocarray(list, ...)`):
     * the new one took its object, and it became the older one, or was let go of. */
    if ((old.m & VM_OBJ) && old.obj >= 0 && old.obj == r.obj) {
        if (fn->retires == retires) return r;
        old.obj = fn->retired_to;
    }
    if ((old.m & VM_OBJ) && old.obj >= 0 && !(st->o[old.obj].m & OM_FREED) && r.obj >= 0 &&
        r.obj != old.obj) {
        /* dead if realloc succeeds, still owned if it fails: settled by the null check (one
         * that never fails, xrealloc, settles it at once) */
        if (nullable) st->o[r.obj].realloc_of = old.obj;
        chk_obj *o = &st->o[old.obj];
        o->m = (uint8_t)((o->m & ~(OM_LIVE | (nullable ? 0 : OM_OWNED))) | OM_FREED);
        o->free_site = chk_site_of(fn, call);
    } else if (!chk_val_null_only(old)) {
        chk_escape(fn, st, old);
    }
    return r;
}

/* For own_move(&h), own_drop(&h) ...: the place a handle argument names, or -1. */
static int handle_place(chk_fn *fn, CXCursor arg, chk_val v)
{
    if ((v.m & VM_ADDR) && v.k >= 0) return v.k;
    return chk_place_deref(fn, chk_place_of(fn, arg)); /* own_move(h) with h an own_box *: *h */
}

static void check_handle_use(chk_fn *fn, chk_state *st, int p, CXCursor at)
{
    if (p < 0) return;
    chk_val h = st->v[p];
    chk_note_use(fn, h);
    if (h.m & VM_MOVED)
        chk_rule_use_after_move(fn, st, p, h, at);
    else
        chk_rule_use_after_free(fn, st, h, at, "used");
}

static void use_args(chk_fn *fn, chk_state *st, int n, const chk_val *v, const CXCursor *a,
                     const char *how)
{
    for (int i = 0; i < n; i++) {
        chk_note_use(fn, v[i]);
        chk_rule_use_after_free(fn, st, v[i], a[i], how);
    }
}

static chk_val apply_builtin(chk_fn *fn, chk_state *st, const chk_builtin *b, CXCursor call, int n,
                             chk_val *v, CXCursor *a, const char *name)
{
    int i = b->arg;
    switch (b->what) {
    case B_ALLOC:
        use_args(fn, st, n, v, a, "passed on");
        return chk_new_object(fn, st, call, b->fam, b->nullable);
    case B_ALLOC_IF_NULL:
        use_args(fn, st, n, v, a, "passed on");
        if (i < n && chk_val_null_only(v[i]))
            return chk_new_object(fn, st, call, b->fam, b->nullable);
        if (i < n && !(v[i].m & VM_NULL)) return v[i];
        return unknown;
    case B_REALLOC:
        if (i >= n) return unknown;
        chk_rule_use_after_free(fn, st, v[i], a[i], "reallocated");
        return chk_realloc_value(fn, st, call, v[i], b->nullable);
    case B_FREE: {
        if (i >= n) return unknown;
        chk_val fv = v[i];
        if (b->fam == FAM_OWN) {
            /* own_drop(&h) drops what the handle h owns; a handle we do not follow (an array
             * slot) drops something unknown */
            int p = handle_place(fn, a[i], v[i]);
            if (p < 0) return unknown;
            fv = st->v[p];
            chk_note_use(fn, fv);
            if (fv.m & VM_MOVED) {
                chk_rule_use_after_move(fn, st, p, fv, a[i]);
                return unknown;
            }
            /* a dead handle dropped again is a double free, reported once: not also a use */
        }
        chk_free_value(fn, st, fv, b->fam, call, a[i], name, false);
        return unknown;
    }
    case B_OUT_ALLOC:
    case B_OUT_REALLOC: {
        use_args(fn, st, n, v, a, "passed on");
        if (i >= n || !(v[i].m & VM_ADDR) || v[i].k < 0) return unknown;
        int p = v[i].k;
        chk_val r = chk_new_object(fn, st, call, b->fam, false);
        if (b->what == B_OUT_REALLOC) {
            chk_escape(fn, st, st->v[p]); /* getline reallocates the old buffer itself */
            st->v[p] = r;
        } else {
            chk_assign(fn, st, p, r, call); /* asprintf's new string over an owned one */
        }
        if (b->nullable && r.obj >= 0) /* the result says whether it was allocated */
            return (chk_val){.m = VM_UNKNOWN | VM_STATUS, .obj = -1, .k = r.obj, .site = b->arg2};
        return unknown;
    }
    case B_MOVE: {
        if (i >= n) return unknown;
        int p = handle_place(fn, a[i], v[i]);
        if (p < 0) return unknown;
        chk_val h = st->v[p];
        if (h.m & VM_MOVED) {
            chk_rule_use_after_move(fn, st, p, h, a[i]);
            return unknown;
        }
        chk_rule_use_after_free(fn, st, h, a[i], "moved");
        st->v[p] = (chk_val){.m = VM_MOVED, .obj = -1, .k = 0, .site = chk_site_of(fn, call)};
        return h;
    }
    case B_BORROW: {
        if (i < n) check_handle_use(fn, st, handle_place(fn, a[i], v[i]), a[i]);
        return unknown;
    }
    case B_DUP_ARG:
        use_args(fn, st, n, v, a, "passed on");
        return i < n ? v[i] : unknown;
    case B_READS:
    default:
        use_args(fn, st, n, v, a, "passed on");
        return unknown;
    }
}

/* Whether the callee's parameter i (or, variadic or unprototyped, the argument) is a pointer
 * through which it may write: not one to const. */
static bool may_write_through(CXCursor callee, bool direct, int i, CXCursor arg)
{
    CXType t = direct ? clang_getArgType(clang_getCursorType(callee), (unsigned)i)
                      : (CXType){.kind = CXType_Invalid};
    if (t.kind == CXType_Invalid) t = clang_getCursorType(arg);
    t = clang_getCanonicalType(t);
    return t.kind == CXType_Pointer && !clang_isConstQualifiedType(clang_getPointeeType(t));
}

/* The place whose integer fields or elements a callee may write through argument i: the pointer
 * passed (`o`, an array `flags`) or what it is the address of (`&o->count`, `&opts`); -1 for
 * none, or when the parameter is a pointer to const. */
static int written_through(chk_fn *fn, CXCursor callee, bool direct, int i, CXCursor arg,
                           bool *itself)
{
    if (!may_write_through(callee, direct, i, arg)) return -1;
    arg = chk_strip(arg);
    CXCursor kid[1];
    *itself = clang_getCursorKind(arg) == CXCursor_UnaryOperator &&
              clang_getCursorUnaryOperatorKind(arg) == CXUnaryOperator_AddrOf &&
              chk_children(arg, kid, 1) == 1;
    return chk_place_of(fn, *itself ? kid[0] : arg);
}

/* A flag that lives in memory a callee is given (an option field, `*ok`-style results in a
 * struct) may hold anything after the call. A local flag whose address is passed is the default
 * call's to forget (apply_default), as before. */
static void forget_flags_passed(chk_fn *fn, chk_state *st, CXCursor callee, bool direct, int n,
                                CXCursor *a)
{
    if (!fn->field_flags) return;
    for (int i = 0; i < n; i++) {
        bool itself = false;
        int p = written_through(fn, callee, direct, i, a[i], &itself);
        if (p < 0) continue;
        chk_forget_flags_under(fn, st, p);
        if (itself && fn->pl[p].flag && fn->pl[p].kind != PL_VAR) {
            st->v[p] = unknown;
            chk_order_changed(fn, st, p, 0);
        }
    }
}

/* The file's flag globals the callee may assign (globals.c) hold anything after the call. */
static void forget_flag_globals(chk_fn *fn, chk_state *st, uint64_t may_assign)
{
    if (!may_assign) return;
    for (int p = 1; p < fn->np; p++) {
        int bit = fn->pl[p].global_bit;
        if (fn->pl[p].kind == PL_VAR && bit >= 0 && (may_assign >> bit) & 1) {
            st->v[p] = unknown;
            chk_order_changed(fn, st, p, 0);
        }
    }
}

/* A local's address published where it outlives the frame (`db->pParse = &sParse`) and then
 * handed to a function of the program (`sqlite3ParseObjectReset(&sParse)`, which sets
 * `db->pParse` back from `sParse.pOuterParse`): the callee can reach the published copies through
 * it, and withdrawing them is what such a function is for, so they are no longer known to hold
 * it. The C library's functions (memset, ...) withdraw nothing. */
static void may_withdraw(chk_fn *fn, chk_state *st, int n, const chk_val *v)
{
    for (int i = 0; i < n; i++) {
        if ((v[i].m & (VM_STACK | VM_ADDR)) != (VM_STACK | VM_ADDR) || v[i].k < 0) continue;
        int local = chk_place_root(fn, v[i].k);
        for (int p = 1; local >= 0 && p < fn->np; p++) {
            chk_val held = st->v[p];
            if ((held.m & VM_STACK) && held.k >= 0 && chk_place_root(fn, held.k) == local &&
                (chk_place_caller_visible(fn, p) || (fn->pl[p].kind == PL_VAR && fn->pl[p].global)))
                st->v[p] = unknown;
        }
    }
}

static void apply_default(chk_fn *fn, chk_state *st, CXCursor callee, bool direct, int n,
                          chk_val *v, CXCursor *a)
{
    for (int i = 0; i < n; i++) {
        chk_rule_use_after_free(fn, st, v[i], a[i], "passed on");
        chk_escape(fn, st, v[i]);
        /* a struct passed by value takes its fields' blocks along */
        if (clang_getCanonicalType(clang_getCursorType(a[i])).kind == CXType_Record)
            chk_record_leaves(fn, st, chk_place_of(fn, a[i]), a[i], false);
        /* the callee may store through the pointer: the old values escape, the new ones are
         * unknown */
        if ((v[i].m & VM_ADDR) && v[i].k >= 0) {
            /* a moved handle passed by address is being filled in (an out-parameter), as
             * `while (take(&queue, &h))` does: what it holds now is unknown, not moved */
            if (st->v[v[i].k].m & VM_MOVED) st->v[v[i].k] = unknown;
            chk_forget_place(fn, st, v[i].k, !may_write_through(callee, direct, i, a[i]));
        }
    }
    /* the callee may assign the program's globals (tree's setoutput() opens a new `outfile`):
     * what they held is no longer known, and may be freed or kept there */
    for (int p = 1; p < fn->np; p++)
        if (fn->pl[p].external) chk_forget_global(fn, st, p);
}

/* `(struct s){...}` */
static bool record_literal(CXCursor arg)
{
    arg = chk_strip(arg);
    return clang_getCursorKind(arg) == CXCursor_CompoundLiteralExpr &&
           clang_getCanonicalType(clang_getCursorType(arg)).kind == CXType_Record;
}

chk_val chk_eval_call(chk_fn *fn, chk_state *st, CXCursor call, int depth)
{
    CXCursor callee = clang_getCursorReferenced(call);
    bool direct = clang_getCursorKind(callee) == CXCursor_FunctionDecl;
    char name[64] = "";
    if (direct) {
        CXString s = clang_getCursorSpelling(callee);
        snprintf(name, sizeof name, "%s", clang_getCString(s));
        clang_disposeString(s);
    } else {
        CXCursor kid[1];
        if (chk_children(call, kid, 1) == 1) {
            chk_val f = chk_eval(fn, st, kid[0], depth + 1);
            (void)f;
        }
    }
    int nargs = clang_Cursor_getNumArguments(call);
    if (nargs < 0) nargs = 0;
    chk_val v[MAX_ARGS];
    CXCursor a[MAX_ARGS];
    int n = nargs < MAX_ARGS ? nargs : MAX_ARGS;
    chk_summary *known = direct ? chk_summary_find(fn->tu, name) : NULL;
    for (int i = 0; i < nargs; i++) {
        CXCursor arg = clang_Cursor_getArgument(call, (unsigned)i);
        fn->lent_literal = known && known->known && i < MAX_ARGS && record_literal(arg);
        unsigned retires = fn->retires;
        chk_val r = chk_eval(fn, st, arg, depth + 1);
        fn->lent_literal = false;
        /* `path = free_and_assign(path, strdup(s))` in a loop: the strdup made path's block
         * the older one; the first argument is that block, not the new one */
        for (int j = 0; j < i && j < MAX_ARGS && fn->retires != retires; j++)
            if ((v[j].m & VM_OBJ) && v[j].obj == fn->retired_from) v[j].obj = fn->retired_to;
        if (i < MAX_ARGS) {
            v[i] = r;
            a[i] = arg;
        } else {
            chk_escape(fn, st, r);
        }
    }
    forget_flags_passed(fn, st, callee, direct, n, a);
    const chk_builtin *b =
        direct && !known ? chk_builtin_find(name, clang_getCursorType(callee)) : NULL;
    forget_flag_globals(fn, st,
                        known ? known->flag_writes
                              : chk_flag_globals_outside(fn->tu, chk_call_may_call_back(call)));
    if (!b) may_withdraw(fn, st, n, v);
    if (direct) {
        if (known) {
            if (known->known) return chk_apply_summary(fn, st, known, call, n, v, a);
            fn->needs_redo = true;
            apply_default(fn, st, callee, direct, n, v, a);
            return unknown;
        }
        if (b) return apply_builtin(fn, st, b, call, n, v, a, name);
        /* defined in another file of the project (exports.c) */
        chk_summary *imported = chk_import(fn->tu, name);
        if (imported) return chk_apply_summary(fn, st, imported, call, n, v, a);
    }
    apply_default(fn, st, callee, direct, n, v, a);
    return unknown;
}
