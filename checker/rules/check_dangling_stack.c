/* check_dangling_stack.c: the address of a local outlives its frame - returned, stored in a
 * global, or stored where the caller sees it (through a parameter). */
#include "../engine.h"

void chk_rule_dangling_stack(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, int into_place)
{
    (void)st;
    if (!fn->reporting || !(v.m & VM_STACK)) return;
    int root = v.k >= 0 ? chk_place_root(fn, v.k) : -1;
    if (v.k >= 0 && (root < 0 || fn->pl[root].global)) return;
    /* k < 0: storage with no name, a compound literal */
    const char *var = root >= 0 ? fn->pl[root].name : "(compound literal)";
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
    if (root >= 0)
        chk_finding_note(&f, chk_loc_of(fn, fn->pl[root].decl), "`%s` declared here", var);
    else
        chk_finding_site_note(fn, &f, v.site, "the compound literal lives until its block ends");
    chk_finding_emit(fn, &f);
}
