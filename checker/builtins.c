/* builtins.c: what own check knows about functions whose bodies it never sees - the C library,
 * POSIX and libown. Anything not listed here (and not defined in the translation unit) gets the
 * conservative default in call.c. Entries marked prefix also match the `_at` variants that
 * libown's macros expand to (own_move_at, own_new_at ...). */
#include <string.h>

#include "engine.h"

#define ALLOC(n, fam, nul)                                                                         \
    {                                                                                              \
        n, B_ALLOC, fam, 0, 0, nul, false                                                          \
    }
#define FREE(n, fam)                                                                               \
    {                                                                                              \
        n, B_FREE, fam, 0, 0, false, false                                                         \
    }
#define READS(n)                                                                                   \
    {                                                                                              \
        n, B_READS, 0, 0, 0, false, false                                                          \
    }

/* Copies into their first argument and return it: `return memcpy(r, p, n);` hands r on. */
#define RETURNS_DEST(n)                                                                            \
    {                                                                                              \
        n, B_DUP_ARG, 0, 0, 0, false, false                                                        \
    }

static const chk_builtin table[] = {
    /* the malloc family */
    ALLOC("malloc", FAM_MALLOC, true),
    ALLOC("calloc", FAM_MALLOC, true),
    ALLOC("valloc", FAM_MALLOC, true),
    ALLOC("pvalloc", FAM_MALLOC, true),
    ALLOC("aligned_alloc", FAM_MALLOC, true),
    ALLOC("memalign", FAM_MALLOC, true),
    ALLOC("strdup", FAM_MALLOC, true),
    ALLOC("strndup", FAM_MALLOC, true),
    ALLOC("wcsdup", FAM_MALLOC, true),
    ALLOC("get_current_dir_name", FAM_MALLOC, true),
    ALLOC("own_malloc", FAM_MALLOC, true),
    ALLOC("own_calloc", FAM_MALLOC, true),
    ALLOC("own_strdup", FAM_MALLOC, true),
    ALLOC("own_strndup", FAM_MALLOC, true),
    ALLOC("own_aligned_alloc", FAM_MALLOC, true),
    ALLOC("own_memalign", FAM_MALLOC, true),
    {"realloc", B_REALLOC, FAM_MALLOC, 0, 0, true, false},
    {"reallocarray", B_REALLOC, FAM_MALLOC, 0, 0, true, false},
    {"own_realloc", B_REALLOC, FAM_MALLOC, 0, 0, true, false},
    {"own_reallocarray", B_REALLOC, FAM_MALLOC, 0, 0, true, false},
    FREE("free", FAM_MALLOC),
    FREE("cfree", FAM_MALLOC),
    FREE("own_free", FAM_MALLOC),
    {"asprintf", B_OUT_ALLOC, FAM_MALLOC, 0, STATUS_NEGATIVE, true, false},
    {"vasprintf", B_OUT_ALLOC, FAM_MALLOC, 0, STATUS_NEGATIVE, true, false},
    {"posix_memalign", B_OUT_ALLOC, FAM_MALLOC, 0, STATUS_NONZERO, true, false},
    {"own_posix_memalign", B_OUT_ALLOC, FAM_MALLOC, 0, STATUS_NONZERO, true, false},
    {"realpath", B_ALLOC_IF_NULL, FAM_MALLOC, 1, 0, true, false},
    {"getcwd", B_ALLOC_IF_NULL, FAM_MALLOC, 0, 0, true, false},
    {"getline", B_OUT_REALLOC, FAM_MALLOC, 0, 0, false, false},
    {"getdelim", B_OUT_REALLOC, FAM_MALLOC, 0, 0, false, false},
    /* gnulib's xalloc.h and its kin: they end the program rather than return NULL */
    ALLOC("xmalloc", FAM_MALLOC, false),
    ALLOC("xzalloc", FAM_MALLOC, false),
    ALLOC("xcalloc", FAM_MALLOC, false),
    ALLOC("xnmalloc", FAM_MALLOC, false),
    ALLOC("xcharalloc", FAM_MALLOC, false),
    ALLOC("xstrdup", FAM_MALLOC, false),
    ALLOC("xstrndup", FAM_MALLOC, false),
    ALLOC("xmemdup", FAM_MALLOC, false),
    ALLOC("xasprintf", FAM_MALLOC, false),
    ALLOC("xvasprintf", FAM_MALLOC, false),
    /* OpenBSD's and tmux's, `int xasprintf(char **ret, const char *fmt, ...)`: the same name, told
     * apart by the declaration (fits_declaration) */
    {"xasprintf", B_OUT_ALLOC, FAM_MALLOC, 0, 0, false, false},
    {"xvasprintf", B_OUT_ALLOC, FAM_MALLOC, 0, 0, false, false},
    {"xrealloc", B_REALLOC, FAM_MALLOC, 0, 0, false, false},
    {"xreallocarray", B_REALLOC, FAM_MALLOC, 0, 0, false, false},
    {"xnrealloc", B_REALLOC, FAM_MALLOC, 0, 0, false, false},
    /* GLib's, which take their memory from malloc (since GLib 2.46) and abort when it fails */
    ALLOC("g_malloc", FAM_MALLOC, false),
    ALLOC("g_malloc0", FAM_MALLOC, false),
    ALLOC("g_malloc_n", FAM_MALLOC, false),
    ALLOC("g_malloc0_n", FAM_MALLOC, false),
    ALLOC("g_try_malloc", FAM_MALLOC, true),
    ALLOC("g_try_malloc0", FAM_MALLOC, true),
    ALLOC("g_strdup", FAM_MALLOC, true), /* NULL for NULL */
    ALLOC("g_strndup", FAM_MALLOC, true),
    ALLOC("g_strdup_printf", FAM_MALLOC, false),
    ALLOC("g_memdup2", FAM_MALLOC, true),
    {"g_realloc", B_REALLOC, FAM_MALLOC, 0, 0, false, false},
    {"g_realloc_n", B_REALLOC, FAM_MALLOC, 0, 0, false, false},
    {"g_try_realloc", B_REALLOC, FAM_MALLOC, 0, 0, true, false},
    FREE("g_free", FAM_MALLOC),
    /* streams, pipes, directories */
    ALLOC("fopen", FAM_FILE, true),
    ALLOC("fdopen", FAM_FILE, true),
    ALLOC("tmpfile", FAM_FILE, true),
    ALLOC("fmemopen", FAM_FILE, true),
    ALLOC("open_memstream", FAM_FILE, true),
    FREE("fclose", FAM_FILE),
    ALLOC("popen", FAM_PIPE, true),
    FREE("pclose", FAM_PIPE),
    ALLOC("opendir", FAM_DIR, true),
    ALLOC("fdopendir", FAM_DIR, true),
    FREE("closedir", FAM_DIR),
    /* libown's owned blocks */
    {"own_new", B_ALLOC, FAM_OWN, 0, 0, false, true},
    {"own__new", B_ALLOC, FAM_OWN, 0, 0, false, true},
    {"own_move", B_MOVE, 0, 0, 0, false, true},
    {"own__move", B_MOVE, 0, 0, 0, false, true},
    {"own_borrow", B_BORROW, 0, 0, 0, false, true}, /* and own_borrow_mut */
    {"own__borrow", B_BORROW, 0, 0, 0, false, true},
    {"own_resize", B_BORROW, 0, 0, 0, false, true},
    {"own__resize", B_BORROW, 0, 0, 0, false, true},
    {"own_drop", B_FREE, FAM_OWN, 0, 0, false, true},
    {"own__drop", B_FREE, FAM_OWN, 0, 0, false, true},
    READS("own_release"),
    {"own_get", B_BORROW, 0, 0, 0, false,
     true}, /* reads the handle: moved or dropped is an error */
    {"own_size", B_BORROW, 0, 0, 0, false, true},
    /* functions that only read or write through their arguments, keeping nothing */
    READS("strlen"),
    READS("strnlen"),
    READS("strcmp"),
    READS("strncmp"),
    READS("strcasecmp"),
    READS("strncasecmp"),
    READS("strchr"),
    READS("strrchr"),
    READS("strstr"),
    READS("strspn"),
    READS("strcspn"),
    READS("strpbrk"),
    READS("memcmp"),
    READS("memchr"),
    RETURNS_DEST("memcpy"),
    RETURNS_DEST("memmove"),
    RETURNS_DEST("memset"),
    RETURNS_DEST("strcpy"),
    RETURNS_DEST("strncpy"),
    RETURNS_DEST("strcat"),
    RETURNS_DEST("strncat"),
    READS("stpcpy"),
    READS("strtol"),
    READS("strtoul"),
    READS("strtoll"),
    READS("strtoull"),
    READS("strtod"),
    READS("strtof"),
    READS("atoi"),
    READS("atol"),
    READS("atof"),
    READS("printf"),
    READS("fprintf"),
    READS("sprintf"),
    READS("snprintf"),
    READS("vprintf"),
    READS("vfprintf"),
    READS("vsprintf"),
    READS("vsnprintf"),
    READS("dprintf"),
    READS("puts"),
    READS("fputs"),
    READS("fputc"),
    READS("putc"),
    READS("putchar"),
    READS("fwrite"),
    READS("fread"),
    READS("fgets"),
    READS("fgetc"),
    READS("getc"),
    READS("ungetc"),
    READS("fflush"),
    READS("fseek"),
    READS("ftell"),
    READS("rewind"),
    READS("feof"),
    READS("ferror"),
    READS("clearerr"),
    READS("fileno"),
    READS("setvbuf"),
    READS("sscanf"),
    READS("fscanf"),
    READS("scanf"),
    READS("qsort"),
    READS("bsearch"),
    READS("readdir"),
    READS("rewinddir"),
    READS("dirfd"),
    READS("read"),
    READS("write"),
    READS("perror"),
    READS("strerror"),
    READS("toupper"),
    READS("tolower"),
    READS("isalpha"),
    READS("isdigit"),
    READS("isspace"),
    READS("abs"),
    READS("rand"),
    READS("srand"),
    READS("time"),
    READS("getenv"),
    READS("strftime"),
    READS("localtime"),
    READS("gmtime"),
    READS("own_malloc_usable_size"),
    READS("malloc_usable_size"),
    READS("stat"),
    READS("fstat"),
    READS("lstat"),
    READS("access"),
    READS("unlink"),
    READS("open"),
    /* fill in the template's XXXXXX; mkdtemp returns the template */
    READS("mkstemp"),
    READS("mkstemps"),
    READS("mkostemp"),
    READS("mkostemps"),
    RETURNS_DEST("mkdtemp"),
    READS("close"),
    READS("pipe"),
    READS("memccpy"),
    READS("wcslen"),
};

static bool is_pointer(CXType t)
{
    return clang_getCanonicalType(t).kind == CXType_Pointer;
}

/* Whether the function's declaration has the shape the entry speaks of: a project's own function
 * may bear a library's name with another signature (tmux's xasprintf stores through its first
 * argument and returns a length, gnulib's returns the string). Without a prototype, it fits. */
static bool fits_declaration(const chk_builtin *b, CXType function)
{
    if (function.kind == CXType_Invalid || b->prefix)
        return true; /* libown's: handles are structs */
    bool returns_pointer = is_pointer(clang_getResultType(function));
    int params = clang_getNumArgTypes(function);
    CXType arg = params > b->arg ? clang_getArgType(function, b->arg) : (CXType){0};
    bool arg_known = params > b->arg;
    switch (b->what) {
    case B_ALLOC:
    case B_DUP_ARG:
    case B_ALLOC_IF_NULL:
        return returns_pointer;
    case B_REALLOC:
        return returns_pointer && (!arg_known || is_pointer(arg));
    case B_FREE:
        return !arg_known || is_pointer(arg);
    case B_OUT_ALLOC:
    case B_OUT_REALLOC:
        return !arg_known ||
               (is_pointer(arg) && is_pointer(clang_getPointeeType(clang_getCanonicalType(arg))));
    default:
        return true;
    }
}

const chk_builtin *chk_builtin_find(const char *name, CXType function)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const chk_builtin *b = &table[i];
        if ((b->prefix ? !strncmp(name, b->name, strlen(b->name)) : !strcmp(name, b->name)) &&
            fits_declaration(b, function))
            return b;
    }
    return NULL;
}

const char *chk_family_alloc(int fam)
{
    switch (fam) {
    case FAM_MALLOC:
        return "malloc";
    case FAM_FILE:
        return "fopen";
    case FAM_PIPE:
        return "popen";
    case FAM_DIR:
        return "opendir";
    case FAM_OWN:
        return "own_new";
    default:
        return "an allocator";
    }
}

const char *chk_family_free(int fam)
{
    switch (fam) {
    case FAM_MALLOC:
        return "free";
    case FAM_FILE:
        return "fclose";
    case FAM_PIPE:
        return "pclose";
    case FAM_DIR:
        return "closedir";
    case FAM_OWN:
        return "own_drop";
    default:
        return "its release function";
    }
}
