/* The parse floor of `own check`: libclang parses every file in one process and visits every cursor
 * of each translation unit, doing nothing else. No checker that reads C through libclang can be
 * faster than this, so bench/checker/run.sh divides own check's time by this program's.
 *
 * Usage: parse_floor FILE... [-- COMPILER FLAGS]
 * Prints one line: files, cursors visited and error diagnostics. Exit 1 if a file failed to parse.
 */
#include <clang-c/Index.h>
#include <stdio.h>
#include <string.h>

static enum CXChildVisitResult count_cursor(CXCursor c, CXCursor parent, CXClientData data)
{
    (void)c;
    (void)parent;
    ++*(unsigned long *)data;
    return CXChildVisit_Recurse;
}

int main(int argc, char **argv)
{
    int nfiles = argc - 1, flags_at = argc;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            nfiles = i - 1;
            flags_at = i + 1;
            break;
        }
    }
    if (nfiles <= 0) {
        fprintf(stderr, "usage: parse_floor FILE... [-- COMPILER FLAGS]\n");
        return 2;
    }
    const char *const *flags = (const char *const *)argv + flags_at;
    int nflags = argc - flags_at;

    /* One index for the whole run, as a checker that loads many files would keep. */
    CXIndex index = clang_createIndex(0, 0);
    unsigned long cursors = 0, errors = 0;
    int failed = 0;
    for (int i = 1; i <= nfiles; i++) {
        CXTranslationUnit tu = NULL;
        enum CXErrorCode rc = clang_parseTranslationUnit2(index, argv[i], flags, nflags, NULL, 0,
                                                          CXTranslationUnit_None, &tu);
        if (rc != CXError_Success || !tu) {
            fprintf(stderr, "parse_floor: cannot parse %s (libclang error %d)\n", argv[i], rc);
            failed = 1;
            continue;
        }
        unsigned nd = clang_getNumDiagnostics(tu);
        for (unsigned d = 0; d < nd; d++) {
            CXDiagnostic diag = clang_getDiagnostic(tu, d);
            if (clang_getDiagnosticSeverity(diag) >= CXDiagnostic_Error) errors++;
            clang_disposeDiagnostic(diag);
        }
        clang_visitChildren(clang_getTranslationUnitCursor(tu), count_cursor, &cursors);
        clang_disposeTranslationUnit(tu);
    }
    clang_disposeIndex(index);
    printf("files %d cursors %lu errors %lu\n", nfiles, cursors, errors);
    return failed;
}
