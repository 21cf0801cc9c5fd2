/* effects.c: a call to a function of this translation unit, through its summary. Each effect of
 * the summary names a place of the callee's caller-visible world - a parameter, `*out`,
 * `b->data`, a global - which is found again among the places of the calling function from the
 * call's arguments: `&x` for `*out` is x, `&b` for `b->data` is b.data, `p` for `p->next` is
 * p->next. Then the block held there is used, freed or kept as the callee did, and the place is
 * given what the callee left in it: NULL, a new block, a moved handle, or something unknown. */
#include "engine.h"

static const chk_val unknown = {.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};

/* One step of a callee's path from the caller's place `at` (or, for the first step of a
 * parameter, from the argument itself). */
static int step(chk_fn *fn, int at, CXCursor field, bool arrow)
{
    if (clang_Cursor_isNull(field)) return chk_place_deref(fn, at);
    return chk_place_field(fn, at, field, arrow);
}

/* The caller's place for effect e, or -1 when this function never names it. */
static int map_effect(chk_fn *fn, const chk_effect *e, int n, const chk_val *v, const CXCursor *a)
{
    int at, first = 0;
    if (e->param < 0) {
        at = chk_place_var(fn, e->root);
    } else {
        if (e->param >= n || e->nsteps == 0) return -1;
        chk_val arg = v[e->param];
        if ((arg.m & VM_ADDR) && arg.k >= 0 && e->arrow[0]) {
            /* `&x`: a `*` step lands on x itself, `->f` on x.f */
            at = arg.k;
            if (!clang_Cursor_isNull(e->field[0])) at = chk_place_field(fn, at, e->field[0], false);
        } else {
            at = step(fn, chk_place_of(fn, a[e->param]), e->field[0], e->arrow[0]);
        }
        first = 1;
    }
    for (int i = first; i < e->nsteps && at >= 0; i++)
        at = step(fn, at, e->field[i], e->arrow[i]);
    return at;
}

static void use_effect(chk_fn *fn, chk_state *st, int q, chk_val val, CXCursor arg)
{
    chk_note_use(fn, val);
    if (q >= 0 && (val.m & VM_MOVED))
        chk_rule_use_after_move(fn, st, q, val, arg);
    else
        chk_rule_use_after_free(fn, st, val, arg, "passed on");
}

static void set_after(chk_fn *fn, chk_state *st, const chk_summary *s, const chk_effect *e, int q,
                      CXCursor call, chk_val *status)
{
    switch (e->after) {
    case AFTER_NULL:
        chk_assign(fn, st, q, (chk_val){.m = VM_NULL, .obj = -1, .k = 0, .site = -1}, call);
        break;
    case AFTER_NEW: {
        chk_val r = chk_new_object(fn, st, call, e->fam ? e->fam : FAM_MALLOC, e->nullable);
        if (e->status && r.obj >= 0)
            *status = (chk_val){
                .m = VM_UNKNOWN | VM_STATUS, .obj = -1, .k = r.obj, .site = s->status_kind};
        chk_assign(fn, st, q, r, call);
        break;
    }
    case AFTER_MOVED:
        st->v[q] = (chk_val){.m = VM_MOVED, .obj = -1, .k = 0, .site = chk_site_of(fn, call)};
        break;
    case AFTER_UNKNOWN:
        /* the callee may have filled a moved handle in: unknown now, no longer moved */
        if (st->v[q].m & VM_MOVED)
            st->v[q] = (chk_val){.m = VM_UNKNOWN, .obj = -1, .k = 0, .site = -1};
        chk_forget_place(fn, st, q, false);
        break;
    default:
        break;
    }
}

/* A struct the callee copies whole through the pointer it was given (`&x`, or `p` for `*p`):
 * the blocks its fields hold go along, without the summary naming them. */
static void pointee_leaves(chk_fn *fn, chk_state *st, chk_val arg, CXCursor at)
{
    if ((arg.m & VM_ADDR) && arg.k >= 0) {
        chk_record_leaves(fn, st, arg.k, at, false);
        return;
    }
    int p = chk_place_of(fn, at);
    for (int q = 1; p >= 0 && q < fn->np; q++)
        if (fn->pl[q].kind == PL_FIELD && fn->pl[q].base == p && fn->pl[q].arrow) {
            chk_escape(fn, st, st->v[q]);
            chk_record_leaves(fn, st, q, at, false);
        }
}

/* A field the callee wrote two pointers away from a parameter (`l->prev->next = l->next`,
 * unlinking l from a doubly linked list) may be one the caller knows by another name
 * (`line->next`, when l is line->next): every place of the caller that is that field through a
 * pointer is no longer known. */
static void forget_aliases(chk_fn *fn, chk_state *st, const chk_effect *e, int written)
{
    int last = e->nsteps - 1;
    if (e->param < 0 || e->nsteps < 2 || e->after == AFTER_SAME || last >= CHK_SUM_PATH ||
        clang_Cursor_isNull(e->field[last]) || !e->arrow[last])
        return;
    for (int p = 1; p < fn->np; p++)
        if (p != written && fn->pl[p].kind == PL_FIELD && fn->pl[p].arrow &&
            chk_same_node(fn->pl[p].decl, e->field[last]))
            chk_forget_place(fn, st, p, true);
}

chk_val chk_apply_summary(chk_fn *fn, chk_state *st, const chk_summary *s, CXCursor call, int n,
                          chk_val *v, CXCursor *a)
{
    /* passing a freed block on is a use, unless the callee frees it: then it is a double free */
    for (int i = 0; i < n; i++) {
        bool freed_there = false;
        for (int j = 0; j < s->neff; j++)
            if (s->eff[j].param == i && s->eff[j].nsteps == 0 && s->eff[j].fate == FATE_FREED)
                freed_there = true;
        if (!freed_there) use_effect(fn, st, -1, v[i], a[i]);
    }
    /* a struct passed by value: copied whole by the callee, its fields' blocks go along; one
     * that is not a place of ours (a compound literal) can only be followed by what it names */
    for (int i = 0; i < n && i < 32; i++) {
        if (clang_getCanonicalType(clang_getCursorType(a[i])).kind != CXType_Record) continue;
        int p = chk_place_of(fn, a[i]);
        bool fields_changed = false; /* a field's block freed, kept or replaced by the callee */
        for (int j = 0; j < s->neff; j++) {
            const chk_effect *e = &s->eff[j];
            fields_changed |=
                e->param == i && e->nsteps > 0 && (e->fate != FATE_NONE || e->after != AFTER_SAME);
        }
        if (s->whole_records & (1u << i)) chk_record_leaves(fn, st, p, a[i], false);
        if (p < 0 && ((s->whole_records & (1u << i)) || fields_changed || s->overflow))
            chk_escape_mentions(fn, st, a[i]);
    }
    for (int i = 0; i < n && i < 32; i++)
        if (s->whole_pointees & (1u << i)) pointee_leaves(fn, st, v[i], a[i]);
    int q[CHK_MAX_EFFECTS];
    chk_val held[CHK_MAX_EFFECTS];
    /* first what the callee reads: before it frees anything, or it would have been reported in
     * the callee (`top` of a stack read, then `start` freed: one block) ... */
    for (int i = 0; i < s->neff; i++) {
        const chk_effect *e = &s->eff[i];
        CXCursor arg = e->param >= 0 && e->param < n ? a[e->param] : call;
        q[i] = map_effect(fn, e, n, v, a);
        held[i] = unknown;
        if (e->param >= 0 && e->nsteps == 0)
            held[i] = e->param < n ? v[e->param] : unknown;
        else if (q[i] >= 0)
            held[i] = st->v[q[i]];
        if (e->used && (e->param < 0 || e->nsteps > 0)) use_effect(fn, st, q[i], held[i], arg);
    }
    /* ... then what it does with the blocks it is given ... */
    for (int i = 0; i < s->neff; i++) {
        const chk_effect *e = &s->eff[i];
        CXCursor arg = e->param >= 0 && e->param < n ? a[e->param] : call;
        chk_val val = held[i];
        if (e->fate == FATE_FREED) {
            val = chk_val_shift(val, e->free_off != CHK_OFF_UNKNOWN, e->free_off);
            chk_free_value(fn, st, val, FAM_NONE, call, arg, s->name, true);
        } else if (e->fate == FATE_KEPT) {
            chk_escape(fn, st, val);
            /* the address of a struct of ours kept: the callee may reach what it holds later
             * (libyaml's yaml_emitter_emit copies `*event`, its blocks with it, into a queue) */
            if ((val.m & VM_ADDR) && val.k >= 0) chk_forget_place(fn, st, val.k, true);
        }
    }
    /* ... then what it leaves in the places the caller sees */
    chk_val status = unknown;
    for (int i = 0; i < s->neff; i++)
        if (q[i] >= 0 && (s->eff[i].param < 0 || s->eff[i].nsteps > 0))
            set_after(fn, st, s, &s->eff[i], q[i], call, &status);
    for (int i = 0; i < s->neff; i++)
        forget_aliases(fn, st, &s->eff[i], q[i]);
    if (s->overflow)
        for (int i = 0; i < n; i++)
            if ((v[i].m & VM_ADDR) && v[i].k >= 0) chk_forget_place(fn, st, v[i].k, false);
    switch (s->ret) {
    case RET_NEW:
        return chk_new_object(fn, st, call, s->ret_fam ? s->ret_fam : FAM_MALLOC, s->ret_nullable);
    case RET_REALLOC:
        return chk_realloc_value(fn, st, call, s->ret_param < n ? v[s->ret_param] : unknown, true);
    case RET_PARAM: {
        chk_val r = s->ret_param < n ? v[s->ret_param] : unknown;
        return chk_val_shift(r, s->ret_off != CHK_OFF_UNKNOWN, s->ret_off);
    }
    case RET_NULL:
        return (chk_val){.m = VM_INT, .obj = -1, .k = 0, .site = -1};
    default:
        return (status.m & VM_STATUS) ? status : unknown;
    }
}
