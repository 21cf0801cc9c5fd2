/* record_params.c: which struct parameters a function hands on whole. A summary speaks of the
 * fields a function names (`r.buf` freed or kept); a struct copied as a whole value (`g = r`,
 * `v->items[n++] = r`, `return r`, `f(r)`, `&r`) takes every field's block along without naming
 * it, so its caller must let the blocks of the struct it passed escape. So does a struct a
 * pointer parameter points to, copied whole through it (`*q.tail++ = *event`, libyaml's queue). */
#include "engine.h"

typedef struct {
    CXCursor fn;
    uint32_t whole, pointee;
} scan;

static bool is_record(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Record;
}

/* The index of parameter `ref` of s->fn, or -1. */
static int param_index(const scan *s, CXCursor ref)
{
    int n = clang_Cursor_getNumArguments(s->fn);
    for (int i = 0; i < n && i < 32; i++)
        if (chk_same_node(clang_Cursor_getArgument(s->fn, (unsigned)i), ref)) return i;
    return -1;
}

/* `*p` for a parameter p: the parameter, else a null cursor. */
static CXCursor deref_of_param(CXCursor c)
{
    if (clang_getCursorKind(c) != CXCursor_UnaryOperator ||
        clang_getCursorUnaryOperatorKind(c) != CXUnaryOperator_Deref)
        return clang_getNullCursor();
    CXCursor kid[1];
    if (chk_children(c, kid, 1) != 1) return clang_getNullCursor();
    CXCursor e = chk_strip(kid[0]);
    if (clang_getCursorKind(e) != CXCursor_DeclRefExpr) return clang_getNullCursor();
    CXCursor ref = clang_getCursorReferenced(e);
    return clang_getCursorKind(ref) == CXCursor_ParmDecl ? ref : clang_getNullCursor();
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent, CXClientData d)
{
    scan *s = d;
    bool member = clang_getCursorKind(parent) == CXCursor_MemberRefExpr;
    CXCursor through = deref_of_param(c);
    if (!clang_Cursor_isNull(through)) {
        int i = member || !is_record(clang_getCursorType(c)) ? -1 : param_index(s, through);
        if (i >= 0) s->pointee |= 1u << i;
        return CXChildVisit_Continue;
    }
    if (clang_getCursorKind(c) != CXCursor_DeclRefExpr) return CXChildVisit_Recurse;
    CXCursor ref = clang_getCursorReferenced(c);
    if (clang_getCursorKind(ref) != CXCursor_ParmDecl || !is_record(clang_getCursorType(ref)))
        return CXChildVisit_Continue;
    int i = member ? -1 : param_index(s, ref);
    if (i >= 0) s->whole |= 1u << i;
    return CXChildVisit_Continue;
}

void chk_record_params_whole(CXCursor fn, uint32_t *by_value, uint32_t *through_pointer)
{
    scan s = {.fn = fn, .whole = 0, .pointee = 0};
    clang_visitChildren(fn, visit, &s);
    *by_value = s.whole;
    *through_pointer = s.pointee;
}
