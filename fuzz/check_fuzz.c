/* check_fuzz.c: the libFuzzer target of `own check`. Each input is a C file, parsed, analysed and
 * printed in the three formats as `own check FILE` would. No input may crash or hang the checker:
 * a file that does not parse is a report (exit 2), never a crash. Built with clang by
 * fuzz/CMakeLists.txt when OWN_FUZZ is on; `make fuzz` runs it over the checker corpus. */
#include <clang-c/Index.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

static CXIndex tu_index;
static char input_dir[4096], input_path[4200];
static FILE *devnull;
/* The flags of the corpus: own_decls.h declares libown's owned-block API. */
static const char *const args[] = {"-std=gnu11", "-I" OWN_FUZZ_INCLUDE_DIR};

static void remove_input(void)
{
    unlink(input_path);
    rmdir(input_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(input_dir, sizeof input_dir, "%s/own-check-fuzz-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(input_dir)) {
        perror("own_check_fuzz: mkdtemp");
        exit(1);
    }
    snprintf(input_path, sizeof input_path, "%s/input.c", input_dir);
    atexit(remove_input);
    devnull = fopen("/dev/null", "w");
    tu_index = clang_createIndex(0, 0);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The source is handed over in memory; it is on disk too because the human format reads the
     * lines it shows back from the file. */
    FILE *out = fopen(input_path, "wb");
    if (out) {
        fwrite(data, 1, size, out);
        fclose(out);
    }
    chk_report report;
    chk_report_init(&report, input_path);
    chk_run_source(tu_index, input_path, (const char *)data, size, args,
                   (int)(sizeof args / sizeof args[0]), &report);
    chk_print_human(devnull, &report, true);
    chk_print_gcc(devnull, &report);
    chk_print_sarif(devnull, &report, 1);
    chk_report_free(&report);
    return 0;
}
