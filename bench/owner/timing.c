/* timing.c: the runner of timing.h — sizing each case, the rotated rounds, the medians. */
#include <stdio.h>
#include <stdlib.h>

#include "timing.h"

#define TARGET_NS  20000000 /* one sample: long enough that the clock's cost vanishes */
#define MAX_ROUNDS 31

/* Doubles n until a run lasts a tenth of the target, then scales it up; the runs also warm the
 * caches, the branch predictors and the allocators' free lists. */
static long calibrate(const bench_case *c)
{
    long n = 1000;
    for (;;) {
        int64_t ns = c->run(n, c->size);
        if (ns >= TARGET_NS / 10 || n > (1L << 40)) {
            double per_op = ns > 0 ? (double)ns / (double)n : 1.0;
            long sized = (long)(TARGET_NS / per_op);
            return sized > 1000 ? sized : 1000;
        }
        n *= 2;
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

void bench_run_all(const bench_case *cases, size_t count, int rounds)
{
    if (rounds > MAX_ROUNDS) rounds = MAX_ROUNDS;
    long *n = calloc(count, sizeof *n);
    double *samples = calloc(count * (size_t)rounds, sizeof *samples);
    if (!n || !samples) {
        perror("bench_run_all");
        exit(2);
    }
    for (size_t i = 0; i < count; i++)
        n[i] = calibrate(&cases[i]);
    for (int r = 0; r < rounds; r++) {
        for (size_t k = 0; k < count; k++) {
            size_t i = (k + (size_t)r) % count; /* a rotated order each round */
            int64_t ns = cases[i].run(n[i], cases[i].size);
            samples[i * (size_t)rounds + (size_t)r] = (double)ns / (double)n[i];
        }
    }
    for (size_t i = 0; i < count; i++) {
        double *s = &samples[i * (size_t)rounds];
        qsort(s, (size_t)rounds, sizeof *s, by_value);
        printf("%s\t%.3f\n", cases[i].name, s[rounds / 2]);
    }
    free(samples);
    free(n);
}
