/* measure: runs one program with an allocator preloaded and reports what it cost. Usage:
 *   measure [-p LIBRARY] [-o FILE] -- PROGRAM [ARGS...]
 * LIBRARY goes into the child's LD_PRELOAD (none: the C library's malloc). The child's output goes
 * where ours goes; one line "WALL_SECONDS MAXRSS_KIB STATUS" is written to FILE (default stderr),
 * STATUS being the exit code, or 128+N when killed by signal N. Wall time is taken around fork and
 * wait, and the peak RSS is the child's own (wait4), so measure's own memory is not counted. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int usage(void)
{
    fprintf(stderr, "usage: measure [-p LIBRARY] [-o FILE] -- PROGRAM [ARGS...]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *library = NULL, *output = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "+p:o:")) != -1) {
        if (opt == 'p')
            library = optarg;
        else if (opt == 'o')
            output = optarg;
        else
            return usage();
    }
    if (optind >= argc) return usage();

    double start = now();
    pid_t child = fork();
    if (child < 0) {
        perror("measure: fork");
        return 2;
    }
    if (child == 0) {
        if (library && *library)
            setenv("LD_PRELOAD", library, 1);
        else
            unsetenv("LD_PRELOAD");
        execvp(argv[optind], argv + optind);
        fprintf(stderr, "measure: cannot run %s: %s\n", argv[optind], strerror(errno));
        _exit(127);
    }
    int status;
    struct rusage usage;
    while (wait4(child, &status, 0, &usage) < 0)
        if (errno != EINTR) {
            perror("measure: wait4");
            return 2;
        }
    double wall = now() - start;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    FILE *out = stderr;
    if (output && !(out = fopen(output, "w"))) {
        perror(output);
        return 2;
    }
    fprintf(out, "%.4f %ld %d\n", wall, usage.ru_maxrss, code);
    if (out != stderr) fclose(out);
    return 0;
}
