/* libc_calls: the malloc family's whole contract, and the C library's own use of malloc, under the
 * drop-in malloc. libc allocates inside strdup, getline, scandir, glob, regcomp, qsort,
 * open_memstream and dlopen and the program frees with free (or the other way round), so one
 * allocator must serve both. libc_calls.sh runs it under glibc's malloc and under libown-malloc.so
 * and compares. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <glob.h>
#include <malloc.h>
#include <regex.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int failures;

#define EXPECT(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            failures++;                                                                            \
            fprintf(stderr, "libc_calls:%d: expected %s: ", __LINE__, #cond);                      \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
        }                                                                                          \
    } while (0)

static void family(void)
{
    void *p = malloc(0);
    EXPECT(p != NULL, "malloc(0) gave NULL");
    free(p);
    free(NULL);

    /* volatile: sizes the compiler would otherwise reject, or fold the calls away. */
    volatile size_t huge = SIZE_MAX - 4096, half = SIZE_MAX / 2;
    errno = 0;
    EXPECT(malloc(huge) == NULL && errno == ENOMEM, "huge malloc: errno %d", errno);
    errno = 0;
    EXPECT(calloc(half, 3) == NULL && errno == ENOMEM, "overflowing calloc: errno %d", errno);
    errno = 0;
    EXPECT(reallocarray(NULL, half, 3) == NULL && errno == ENOMEM, "reallocarray: errno %d", errno);

    char *s = realloc(NULL, 10);
    EXPECT(s != NULL, "realloc(NULL, 10)");
    strcpy(s, "ownership");
    for (size_t n = 16; n < (1u << 22); n *= 2) {
        s = realloc(s, n);
        EXPECT(s && strcmp(s, "ownership") == 0, "realloc to %zu lost the contents", n);
    }
    s = realloc(s, 12);
    EXPECT(s && strcmp(s, "ownership") == 0, "shrinking realloc lost the contents");
    free(s);

    for (size_t align = sizeof(void *); align <= 65536; align *= 2) {
        for (size_t size = 1; size <= 3 * align; size += align / 2 + 1) {
            void *q = NULL;
            EXPECT(posix_memalign(&q, align, size) == 0 && (uintptr_t)q % align == 0,
                   "posix_memalign(%zu, %zu) = %p", align, size, q);
            if (q) memset(q, 1, size);
            free(q);
            q = memalign(align, size);
            EXPECT(q && (uintptr_t)q % align == 0, "memalign(%zu, %zu) = %p", align, size, q);
            if (q) memset(q, 2, size);
            free(q);
            q = aligned_alloc(align, size);
            EXPECT(q && (uintptr_t)q % align == 0, "aligned_alloc(%zu, %zu) = %p", align, size, q);
            EXPECT(!q || malloc_usable_size(q) >= size, "usable size of aligned block");
            free(q);
        }
    }
    void *q = NULL;
    EXPECT(posix_memalign(&q, 24, 100) == EINVAL, "posix_memalign with alignment 24");
    long page = sysconf(_SC_PAGESIZE);
    q = valloc(100);
    EXPECT(q && (uintptr_t)q % (uintptr_t)page == 0, "valloc(100) = %p", q);
    free(q);
    q = pvalloc(100);
    EXPECT(q && (uintptr_t)q % (uintptr_t)page == 0 && malloc_usable_size(q) >= (size_t)page,
           "pvalloc(100) = %p", q);
    free(q);

    for (size_t n = 1; n < 200000; n = n * 3 + 1) {
        unsigned char *z = calloc(n, 1);
        EXPECT(z != NULL, "calloc(%zu, 1)", n);
        size_t nonzero = 0;
        for (size_t i = 0; z && i < n; i++)
            nonzero += z[i] != 0;
        EXPECT(nonzero == 0, "calloc(%zu, 1) has %zu non-zero bytes", n, nonzero);
        EXPECT(!z || malloc_usable_size(z) >= n, "usable size %zu < %zu", malloc_usable_size(z), n);
        if (z) memset(z, 0xAB, n);
        free(z);
    }
    printf("malloc family: ok\n");
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void libc_allocates(void)
{
    /* Strings and streams allocated by libc, freed by the program. */
    char *dup = strdup("borrow checker"), *ndup = strndup("exclusive borrow", 9), *fmt = NULL;
    EXPECT(asprintf(&fmt, "%s/%s/%0*d", dup, ndup, 3000, 7) > 0, "asprintf");
    printf("strings: %s %s %zu\n", dup, ndup, strlen(fmt));
    free(dup);
    free(ndup);
    free(fmt);

    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    for (int i = 0; i < 100000; i++)
        fprintf(mem, "%d,", i);
    fclose(mem);
    printf("open_memstream: %zu bytes\n", len);

    FILE *in = fmemopen(buf, len, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t got, fields = 0;
    while ((got = getdelim(&line, &cap, ',', in)) > 0)
        fields++;
    fclose(in);
    free(line);
    free(buf);
    printf("getdelim: %zd fields\n", fields);

    /* qsort takes a malloc'd buffer for big arrays. */
    size_t n = 1 << 20;
    int *v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = (int)((i * 2654435761u) % 1000003);
    qsort(v, n, sizeof *v, compare_ints);
    int sorted = 1;
    for (size_t i = 1; i < n; i++)
        sorted &= v[i - 1] <= v[i];
    printf("qsort: %s, min %d max %d\n", sorted ? "sorted" : "NOT SORTED", v[0], v[n - 1]);
    free(v);

    /* Directory entries and glob results, allocated by libc. */
    struct dirent **names;
    int count = scandir("/usr/include/linux", &names, NULL, alphasort);
    EXPECT(count > 10, "scandir found %d entries", count);
    for (int i = 0; i < count; i++)
        free(names[i]);
    free(names);
    glob_t g;
    EXPECT(glob("/usr/include/*.h", 0, NULL, &g) == 0 && g.gl_pathc > 10, "glob");
    printf("scandir and glob: ok\n");
    globfree(&g);

    regex_t re;
    EXPECT(regcomp(&re, "^(own|borrow)_[a-z]+(_[a-z]+)*$", REG_EXTENDED) == 0, "regcomp");
    const char *words[] = {"own_malloc", "borrow_mut_x", "Own_free", "own__internal", "own_drop"};
    for (int i = 0; i < 5; i++)
        printf("regex %s: %s\n", words[i], regexec(&re, words[i], 0, NULL, 0) ? "no" : "yes");
    regfree(&re);

    for (int i = 0; i < 2000; i++) {
        char name[32], value[64];
        snprintf(name, sizeof name, "OWN_TEST_VAR_%d", i % 50);
        snprintf(value, sizeof value, "%d", i);
        setenv(name, value, 1);
    }
    printf("setenv: %s\n", getenv("OWN_TEST_VAR_49"));

    /* The dynamic loader allocates with the program's malloc once the program runs. */
    void *libm = dlopen("libm.so.6", RTLD_NOW);
    EXPECT(libm != NULL, "dlopen(libm.so.6): %s", dlerror());
    if (libm) {
        double (*cosine)(double) = (double (*)(double))dlsym(libm, "cos");
        printf("dlopen: cos(0) = %.1f\n", cosine ? cosine(0.0) : -1.0);
        dlclose(libm);
    }
}

int main(void)
{
    family();
    libc_allocates();
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
