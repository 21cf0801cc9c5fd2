/* flags.c: a build's compiler flags, made fit for libclang. A project's flags are written for the
 * compiler that builds it, usually gcc: -Werror would turn a warning only clang gives into a
 * "parse error", and a gcc-only option (-fanalyzer, -fipa-pta) stops clang's driver outright. The
 * first are dropped before parsing; the second are named by the driver's own message, dropped,
 * and the file parsed again, so a project analyses as it compiles. */
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Flags that only decide whether a warning fails the build. */
static bool makes_warnings_errors(const char *a)
{
    return !strcmp(a, "-Werror") || !strncmp(a, "-Werror=", 8) || !strcmp(a, "-pedantic-errors") ||
           !strcmp(a, "-Wfatal-errors");
}

/* Errors by default in clang since version 16, warnings in the gcc Debian 12 builds with: old
 * code that gcc compiles still parses (an implicit declaration is declared as C90 did). And no
 * word about the warning options only gcc knows (-Wlogical-op): they concern the flags, not the
 * code, and would be said again for every file. */
static const char *const gcc_warnings[] = {"-Wno-error=implicit-function-declaration",
                                           "-Wno-error=implicit-int",
                                           "-Wno-error=int-conversion",
                                           "-Wno-error=incompatible-pointer-types",
                                           "-Wno-unknown-warning-option",
                                           NULL};
_Static_assert(sizeof gcc_warnings / sizeof *gcc_warnings == CHK_FLAGS_ADDED + 1,
               "check.h's CHK_FLAGS_ADDED counts what chk_flags_fit adds");

int chk_flags_fit(char *const *in, int n, const char **out, char *const *drop, int ndrop)
{
    int m = 0;
    for (int i = 0; i < n; i++) {
        bool skip = makes_warnings_errors(in[i]);
        for (int d = 0; d < ndrop && !skip; d++)
            skip = !strcmp(in[i], drop[d]);
        if (!skip) out[m++] = in[i];
    }
    for (int i = 0; gcc_warnings[i]; i++)
        out[m++] = gcc_warnings[i];
    return m;
}

/* The option of a driver message "unknown argument: '-fipa-pta'" (or "unknown argument
 * '-fanalyzer'; did you mean ...?"), copied, or NULL. */
static char *unknown_argument(const char *msg)
{
    const char *at = strstr(msg, "unknown argument");
    if (!at) return NULL;
    const char *open = strchr(at, '\'');
    const char *close = open ? strchr(open + 1, '\'') : NULL;
    if (!close || close == open + 1) return NULL;
    return strndup(open + 1, (size_t)(close - open - 1));
}

int chk_flags_unknown(CXTranslationUnit tu, char **names, int max)
{
    int n = 0;
    unsigned nd = clang_getNumDiagnostics(tu);
    for (unsigned i = 0; i < nd && n < max; i++) {
        CXDiagnostic d = clang_getDiagnostic(tu, i);
        if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
            CXString s = clang_getDiagnosticSpelling(d);
            char *name = unknown_argument(clang_getCString(s));
            if (name) names[n++] = name;
            clang_disposeString(s);
        }
        clang_disposeDiagnostic(d);
    }
    return n;
}
