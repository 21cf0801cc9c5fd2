/* check_free_interior.c: free of a pointer that points inside its block, not at its start. */
#include "../engine.h"

bool chk_rule_free_interior(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg)
{
    if (!(v.m & VM_INTERIOR) || (v.m & VM_UNKNOWN) || v.off == CHK_OFF_UNKNOWN) return false;
    /* a caller's pointer may itself point inside its block: only past it is surely wrong */
    if (chk_obj_is_entry(fn, v.obj) && v.off < 0) return false;
    if (!fn->reporting) return true;
    char name[80];
    chk_value_name(fn, arg, name, sizeof name);
    chk_finding f;
    chk_finding_start(fn, &f, CHK_FREE_INTERIOR, chk_loc_of(fn, call));
    snprintf(f.message, sizeof f.message, "%s points inside its block, not to its start", name);
    snprintf(f.label, sizeof f.label, "interior pointer freed here");
    chk_finding_site_note(fn, &f, st->o[v.obj].alloc_site, "the block was allocated here");
    chk_finding_emit(fn, &f);
    return true;
}
