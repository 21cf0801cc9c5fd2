// A buffer on the stack for the common small case, a heap block for the rare big one, and a
// free guarded by "not the stack buffer": the shape of jimtcl's argument vectors and many
// others. A block just allocated (or NULL, when that failed) is never a stack variable's
// address, so the guard frees exactly the heap case: no leak on any path.
#include <stdlib.h>
#include <string.h>

int kind(int i);

// if/else, a loop between the choice and the guard.
void make_rep(int n)
{
    unsigned char *q, sbuf[8];
    if (n > 8)
        q = malloc((size_t)n);
    else
        q = sbuf;
    if (!q) return;
    for (int i = 0; i < n; i++)
        q[i] = (unsigned char)kind(i);
    if (q != sbuf) free(q);
}

// Not NULL-checked, freed on the error return inside the loop and at the end.
int *interpolate(const int *token, int tokens)
{
    int *sintv[8];
    int **intv = tokens <= 8 ? sintv : malloc(sizeof(int *) * (size_t)tokens);
    for (int i = 0; i < tokens; i++) {
        if (token[i] < 0) {
            if (intv != sintv) free(intv);
            return NULL;
        }
        intv[i] = NULL;
    }
    if (intv != sintv) free(intv);
    return (int *)token;
}

// The guard the other way round, after a goto to the cleanup.
int indices(const int *indexv, int indexc)
{
    int static_idxes[5];
    int *idxes = static_idxes;
    int ret = 0;
    if (indexc > 5) idxes = malloc(sizeof *idxes * (size_t)indexc);
    if (idxes == NULL) return -1;
    for (int i = 0; i < indexc; i++) {
        if (indexv[i] < 0) {
            ret = -1;
            goto err;
        }
        idxes[i] = indexv[i];
    }
err:
    if (idxes == static_idxes) return ret;
    free(idxes);
    return ret;
}

// Grown to the heap inside a loop only while still on the stack; each turn ends on the stack.
int eval(const int *words, int ncmds, int nwords)
{
    int *sargv[8];
    int **argv = sargv;
    if (nwords > 8) return -1;
    for (int c = 0; c < ncmds; c++) {
        for (int j = 0; j < nwords; j++) {
            if ((words[j] & 15) > 1 && argv == sargv) {
                argv = malloc(sizeof *argv * (size_t)(nwords + 16));
                if (!argv) return -1;
                memcpy(argv, sargv, sizeof *argv * (size_t)j);
            }
            argv[j] = NULL;
        }
        if (argv != sargv) {
            free(argv);
            argv = sargv;
        }
    }
    return 0;
}
