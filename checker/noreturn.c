/* noreturn.c: which calls do not come back - exit(), abort() and their kin by name, functions
 * declared _Noreturn or __attribute__((noreturn)), and functions of this translation unit whose
 * summary found no path to their end. The CFG ends a block at such a call, so nothing after it
 * (a leak, a use of a freed block) is reached on that path. */
#include <string.h>

#include "engine.h"

static const char *const noreturn_names[] = {"exit",
                                             "_exit",
                                             "_Exit",
                                             "abort",
                                             "quick_exit",
                                             "__assert_fail",
                                             "__assert_perror_fail",
                                             "__assert",
                                             "err",
                                             "errx",
                                             "verr",
                                             "verrx",
                                             "longjmp",
                                             "siglongjmp",
                                             "_longjmp",
                                             "pthread_exit",
                                             "__builtin_unreachable",
                                             "__builtin_trap",
                                             "__stack_chk_fail",
                                             NULL};

/* `_Noreturn` (and C23's [[noreturn]]) is a declaration attribute: libclang shows it only as an
 * unexposed attribute child, so its token is read back. */
static enum CXChildVisitResult find_noreturn_attr(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    if (!clang_isAttribute(clang_getCursorKind(c))) return CXChildVisit_Continue;
    CXTranslationUnit tu = clang_Cursor_getTranslationUnit(c);
    CXToken *toks = NULL;
    unsigned n = 0;
    clang_tokenize(tu, clang_getCursorExtent(c), &toks, &n);
    for (unsigned i = 0; i < n && i < 4; i++) {
        CXString s = clang_getTokenSpelling(tu, toks[i]);
        const char *t = clang_getCString(s);
        if (t && (!strcmp(t, "_Noreturn") || !strcmp(t, "noreturn"))) *(bool *)d = true;
        clang_disposeString(s);
    }
    clang_disposeTokens(tu, toks, n);
    return *(bool *)d ? CXChildVisit_Break : CXChildVisit_Continue;
}

bool chk_call_noreturn(chk_tu *tu, CXCursor call)
{
    CXCursor callee = clang_getCursorReferenced(call);
    if (clang_Cursor_isNull(callee) || clang_getCursorKind(callee) != CXCursor_FunctionDecl)
        return false;
    bool r = false;
    CXString name = clang_getCursorSpelling(callee);
    const char *n = clang_getCString(name);
    for (int i = 0; n && noreturn_names[i]; i++)
        if (!strcmp(n, noreturn_names[i])) r = true;
    if (!r && n && tu) {
        /* callees are analysed first: a summary knows when no path reaches the end; around a
         * cycle, a callee not analysed yet returns on no path for now (see chk_summary) */
        const chk_summary *s = chk_summary_find(tu, n);
        r = s && ((s->known && s->noreturn) || s->pending);
        if (!s && (s = chk_import(tu, n))) r = s->noreturn; /* fatal() of another file */
    }
    clang_disposeString(name);
    if (r) return true;
    /* __attribute__((noreturn)) shows in the function's type */
    CXString ts = clang_getTypeSpelling(clang_getCursorType(callee));
    const char *t = clang_getCString(ts);
    r = t && strstr(t, "noreturn");
    clang_disposeString(ts);
    if (r) return true;
    if (clang_Cursor_hasAttrs(callee)) clang_visitChildren(callee, find_noreturn_attr, &r);
    return r;
}
