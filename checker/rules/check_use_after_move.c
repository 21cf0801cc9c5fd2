/* check_use_after_move.c: a libown handle is used after own_move() gave its block away. */
#include "../engine.h"

void chk_rule_use_after_move(chk_fn *fn, chk_state *st, int place, chk_val v, CXCursor at)
{
    (void)st;
    if (!fn->reporting || !(v.m & VM_MOVED)) return;
    const char *name = place >= 0 ? fn->pl[place].name : "the handle";
    chk_finding f;
    chk_finding_start(fn, &f, CHK_USE_AFTER_MOVE, chk_loc_of(fn, at));
    snprintf(f.message, sizeof f.message, "`%s` is used after it was moved", name);
    snprintf(f.label, sizeof f.label, "`%s` used here after move", name);
    chk_finding_site_note(fn, &f, v.site, "moved here");
    chk_finding_path(fn, &f, v.site, false); /* the branch that moved it, if any */
    chk_finding_emit(fn, &f);
}
