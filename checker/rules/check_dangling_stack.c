/* check_dangling_stack.c: the address of a local outlives its frame - returned, stored in a
 * global, or stored where the caller sees it (through a parameter). */
#include "../engine.h"

void chk_rule_dangling_stack(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, int into_place)
{
    (void)st;
    if (!fn->reporting || !(v.m & VM_STACK) || v.k < 0) return;
    int root = chk_place_root(fn, v.k);
    if (root < 0 || fn->pl[root].global) return;
    const char *var = fn->pl[root].name;
    chk_finding f;
    chk_finding_start(fn, &f, CHK_DANGLING_STACK, chk_loc_of(fn, at));
    if (into_place < 0) {
        snprintf(f.message, sizeof f.message, "the address of the local `%s` is returned", var);
        snprintf(f.label, sizeof f.label, "returns a pointer to `%s`, which dies here", var);
    } else {
        snprintf(f.message, sizeof f.message,
                 "the address of the local `%s` is stored in `%s`, which outlives it", var,
                 fn->pl[into_place].name);
        snprintf(f.label, sizeof f.label, "stored here");
    }
    chk_finding_note(&f, chk_loc_of(fn, fn->pl[root].decl), "`%s` declared here", var);
    chk_finding_emit(fn, &f);
}
