/* record_params.c: which struct parameters a function hands on whole. A summary speaks of the
 * fields a function names (`r.buf` freed or kept); a struct copied as a whole value (`g = r`,
 * `v->items[n++] = r`, `return r`, `f(r)`, `&r`) takes every field's block along without naming
 * it, so its caller must let the blocks of the struct it passed escape. */
#include "engine.h"

typedef struct {
    CXCursor fn;
    uint32_t whole;
} scan;

static bool is_record(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Record;
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData d)
{
    scan *s = d;
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr) return CXChildVisit_Recurse;
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) != CXCursor_ParmDecl || !is_record(clang_getCursorType(ref)))
        return CXChildVisit_Continue;
    if (clang_getCursorKind(parent) == CXCursor_MemberRefExpr) return CXChildVisit_Continue;
    int n = clang_Cursor_getNumArguments(s->fn);
    for (int i = 0; i < n && i < 32; i++)
        if (chk_same_node(clang_Cursor_getArgument(s->fn, (unsigned)i), ref)) s->whole |= 1u << i;
    return CXChildVisit_Continue;
}

uint32_t chk_record_params_whole(CXCursor fn)
{
    scan s = {.fn = fn, .whole = 0};
    clang_visitChildren(fn, visit, &s);
    return s.whole;
}
