/* check_leak.c: an owned block loses its last owner - the owner goes out of scope, is overwritten,
 * the function returns, or the block holding it is freed - as Rust reports a drop, at the line
 * where that happens. Blocks still reachable when the program exits are not leaks: calls that do
 * not return end their path before any scope does. */
#include <string.h>

#include "../engine.h"

/* The block was let go of by a realloc (its failure would keep it), not freed by some other call
 * on one of the paths joined here. */
static bool freed_by_realloc(chk_fn *fn, const chk_obj *o)
{
    if (!(o->m & OM_FREED) || o->free_site < 0) return false;
    CXCursor call = fn->sites[o->free_site].c;
    if (clang_getCursorKind(call) != CXCursor_CallExpr) return false;
    CXCursor callee = clang_getCursorReferenced(call);
    CXString s = clang_getCursorSpelling(callee);
    char name[64];
    snprintf(name, sizeof name, "%s", clang_getCString(s));
    clang_disposeString(s);
    const chk_builtin *b = chk_builtin_find(name, clang_getCursorType(callee));
    if (b) return b->what == B_REALLOC;
    const chk_summary *sum = chk_summary_find(fn->tu, name);
    return sum && sum->ret == RET_REALLOC;
}

void chk_rule_leak(chk_fn *fn, chk_state *st, int obj, int place, CXSourceLocation at, int why)
{
    if (!fn->reporting) return;
    /* returning from main is exit(): what is still owned then is reclaimed, not lost */
    if (why == LOSE_RETURN && !strcmp(fn->name, "main")) return;
    const chk_obj *o = &st->o[obj];
    const char *name = place >= 0 ? fn->pl[place].name : "the block";
    chk_finding f;
    chk_finding_start(fn, &f, CHK_LEAK, chk_loc_at(fn, at));
    bool realloc_failure = why == LOSE_OVERWRITE && freed_by_realloc(fn, o);
    switch (why) {
    case LOSE_OVERWRITE:
        if (realloc_failure) {
            snprintf(f.message, sizeof f.message,
                     "`%s` is overwritten by realloc's result: the block leaks if realloc fails",
                     name);
            snprintf(f.label, sizeof f.label, "`%s` overwritten here; NULL on failure", name);
        } else {
            snprintf(f.message, sizeof f.message,
                     "`%s` is overwritten while it owns a block; the block is leaked", name);
            snprintf(f.label, sizeof f.label, "`%s` overwritten here", name);
        }
        break;
    case LOSE_RETURN:
        snprintf(f.message, sizeof f.message, "the block owned by `%s` is leaked on return", name);
        snprintf(f.label, sizeof f.label, "returns without freeing `%s`", name);
        break;
    case LOSE_DISCARD:
        snprintf(f.message, sizeof f.message, "the block allocated here is never stored; it leaks");
        snprintf(f.label, sizeof f.label, "result thrown away here");
        break;
    case LOSE_FREE_PARENT:
        snprintf(f.message, sizeof f.message,
                 "`%s` is lost when the block holding it is freed; its block is leaked", name);
        snprintf(f.label, sizeof f.label, "freed here while `%s` still owns a block", name);
        break;
    default:
        snprintf(f.message, sizeof f.message,
                 "`%s` goes out of scope without freeing the block it owns", name);
        snprintf(f.label, sizeof f.label, "`%s` dropped here while still owning its block", name);
        break;
    }
    chk_finding_site_note(fn, &f, o->alloc_site, "allocated here");
    if (o->alloc_site >= 0 && o->alloc_site < fn->nsites) f.origin = fn->sites[o->alloc_site].at;
    if (realloc_failure)
        chk_finding_site_note(fn, &f, o->free_site, "reallocated here");
    else if (o->m & OM_FREED)
        chk_finding_path(fn, &f, o->free_site, true);
    if (!f.path[0]) chk_finding_path_from_peers(fn, &f, obj);
    if (!f.path[0] && fn->cur_block >= 0 && why == LOSE_RETURN) {
        const chk_block *b = &fn->cfg.b[fn->cur_block];
        if (b->guard_pol >= 0 && b->guard_line)
            snprintf(f.path, sizeof f.path, "when the condition at line %u is %s", b->guard_line,
                     b->guard_pol ? "true" : "false");
    }
    chk_finding_emit(fn, &f);
}
