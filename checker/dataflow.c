/* dataflow.c: runs the transfer functions over a function's CFG to a fixed point, then once more
 * over every block with reporting turned on. Each block keeps up to CHK_MAX_DISJUNCT states;
 * states that agree on every tested flag constant, guard and pointer target (state.c) are
 * joined, others kept apart. The work is bounded: a function that does not settle within its
 * budget is skipped with a note. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

typedef struct {
    unsigned char *mem[CHK_MAX_DISJUNCT];
    int n;
    bool room_made; /* make_room made room here once already */
} block_in;

typedef struct {
    chk_fn *fn;
    block_in *in;
    size_t bytes;
    int *queue;
    bool *queued;
    int qhead, qlen;
    bool out_of_memory; /* a state could not be kept: the function is given up */
} flow;

static chk_state view(const chk_fn *fn, unsigned char *mem)
{
    size_t values = (size_t)fn->np * sizeof(chk_val), objects = (size_t)fn->nobj * sizeof(chk_obj);
    return (chk_state){.v = (chk_val *)mem,
                       .o = (chk_obj *)(mem + values),
                       .ord = (chk_order *)(mem + values + objects)};
}

static void enqueue(flow *f, int b)
{
    if (f->queued[b]) return;
    f->queued[b] = true;
    int n = f->fn->cfg.n;
    f->queue[(f->qhead + f->qlen) % n] = b;
    f->qlen++;
}

/* For st, which every state of the full block b differs from on a place holding a block (the
 * first states to come all had the flag's other value): joins the two states closest to each
 * other, if they differ by less, and puts st in the place freed. False when no two are so close,
 * or the block made room once already: each time makes it run again, and a block that meets
 * many such states (a state machine's) would cost much more to settle. */
static bool make_room(flow *f, int b, const chk_state *st)
{
    chk_fn *fn = f->fn;
    block_in *in = &f->in[b];
    if (in->room_made) return false;
    int keep = -1, freed = -1, closest = CHK_DISTANCE_HOLDER;
    for (int i = 0; i < in->n; i++)
        for (int j = i + 1; j < in->n; j++) {
            chk_state x = view(fn, in->mem[i]), y = view(fn, in->mem[j]);
            int d = chk_state_distance(fn, &x, &y);
            if (d < closest) keep = i, freed = j, closest = d;
        }
    if (keep < 0) return false;
    in->room_made = true;
    chk_state into = view(fn, in->mem[keep]), from = view(fn, in->mem[freed]);
    chk_state_join(fn, &into, &from, true);
    chk_state_copy(fn, &from, st);
    enqueue(f, b);
    return true;
}

static void merge_into(flow *f, int b, const chk_state *st)
{
    chk_fn *fn = f->fn;
    block_in *in = &f->in[b];
    for (int i = 0; i < in->n; i++) {
        chk_state s = view(fn, in->mem[i]);
        if (chk_state_same_key(fn, &s, st)) {
            if (chk_state_join(fn, &s, st, false)) enqueue(f, b);
            return;
        }
    }
    if (in->n < CHK_MAX_DISJUNCT) {
        unsigned char *mem = chk_arena_alloc(&fn->tu->states, f->bytes);
        if (!mem) {
            f->out_of_memory = true;
            return;
        }
        in->mem[in->n] = mem;
        chk_state s = view(fn, in->mem[in->n]);
        chk_state_copy(fn, &s, st);
        in->n++;
        enqueue(f, b);
        return;
    }
    /* Full: the forced join goes into the last state (so the others settle), unless that one
     * differs from st on a place that holds a block or on which blocks are freed or owned
     * (CHK_DISTANCE_HOLDER or more): then into the state that differs least, or, when all do so,
     * two others make room for it. Joined into a state where a place does not hold the block it
     * holds in st, st would lose which blocks go with which value of a flag (`foundfile` set
     * exactly when `input` owns a file). */
    int best = in->n - 1;
    chk_state last = view(fn, in->mem[best]);
    int best_d = chk_state_distance(fn, &last, st);
    for (int i = 0; i < in->n - 1 && best_d >= CHK_DISTANCE_HOLDER; i++) {
        chk_state s = view(fn, in->mem[i]);
        int d = chk_state_distance(fn, &s, st);
        if (d < best_d) best = i, best_d = d;
    }
    if (best_d >= CHK_DISTANCE_HOLDER && make_room(f, b, st)) return;
    chk_state s = view(fn, in->mem[best]);
    if (chk_state_join(fn, &s, st, true)) enqueue(f, b);
}

/* Runs block b on one incoming state; successors receive the results unless only reporting. */
static void run_block(flow *f, int b, chk_state *st, chk_state *tmp, bool propagate)
{
    chk_fn *fn = f->fn;
    chk_block *bl = &fn->cfg.b[b];
    fn->cur_block = b;
    fn->watch = clang_getNullCursor();
    fn->watch_hit = false;
    for (int i = 0; i < bl->nev; i++) {
        if ((bl->branch || bl->dispatch) && i == bl->nev - 1) {
            fn->watch = bl->branch ? chk_cond_subject(bl->cond) : bl->subject;
            fn->watch_hit = false;
        }
        chk_transfer_event(fn, st, &bl->ev[i]);
    }
    if (!propagate) return;
    if (bl->dispatch) {
        /* each case learns the subject's value; default and the way past learn it is none */
        for (int s = 0; s < bl->nsucc; s++) {
            const chk_block *to = &fn->cfg.b[bl->succ[s]];
            chk_state_copy(fn, tmp, st);
            bool live = true;
            if (to->is_case)
                live = chk_refine_equals(fn, tmp, bl->subject, to->case_val, true);
            else
                for (int o = 0; o < bl->nsucc && live; o++)
                    if (fn->cfg.b[bl->succ[o]].is_case)
                        live = chk_refine_equals(fn, tmp, bl->subject,
                                                 fn->cfg.b[bl->succ[o]].case_val, false);
            if (live) merge_into(f, bl->succ[s], tmp);
        }
    } else if (bl->branch && bl->nsucc == 2) {
        /* the true edge narrows a copy; the false edge, the last use of st, narrows st itself */
        chk_state_copy(fn, tmp, st);
        if (chk_refine(fn, tmp, bl->cond, true)) merge_into(f, bl->succ[0], tmp);
        if (chk_refine(fn, st, bl->cond, false)) merge_into(f, bl->succ[1], st);
    } else {
        for (int s = 0; s < bl->nsucc; s++)
            merge_into(f, bl->succ[s], st);
    }
    fn->watch = clang_getNullCursor();
}

int chk_dataflow(chk_fn *fn)
{
    int nb = fn->cfg.n;
    flow f = {.fn = fn, .bytes = chk_state_bytes(fn)};
    chk_arena_reset(&fn->tu->states); /* the states of the previous function are done with */
    f.in = calloc((size_t)nb, sizeof *f.in);
    f.queue = malloc((size_t)nb * sizeof *f.queue);
    f.queued = calloc((size_t)nb, sizeof *f.queued);
    unsigned char *m1 = malloc(f.bytes), *m2 = malloc(f.bytes);
    if (!f.in || !f.queue || !f.queued || !m1 || !m2) { /* out of memory: give the function up */
        free(f.in);
        free(f.queue);
        free(f.queued);
        free(m1);
        free(m2);
        return -1;
    }
    chk_state st = view(fn, m1), tmp = view(fn, m2);

    chk_state_init_entry(fn, &st);
    merge_into(&f, fn->cfg.entry, &st);
    /* A block runs once for each state it gets, again when one changes: zlib's inflate (a state
     * machine) settles in 80 runs a block, tree's main (an option parser) in 200 */
    long budget = 2000 + (long)nb * 200;
    int rc = 0;
    while (f.qlen > 0) {
        int b = f.queue[f.qhead];
        f.qhead = (f.qhead + 1) % nb;
        f.qlen--;
        f.queued[b] = false;
        block_in *in = &f.in[b];
        for (int i = 0; i < in->n; i++) {
            if (--budget < 0) break;
            chk_state s = view(fn, in->mem[i]);
            chk_state_copy(fn, &st, &s);
            run_block(&f, b, &st, &tmp, true);
        }
        if (budget < 0 || f.out_of_memory) {
            rc = -1;
            break;
        }
    }
    if (rc == 0) {
        /* the reporting pass, on the fixed point */
        fn->reporting = true;
        for (int b = 0; b < nb; b++) {
            fn->npeers = f.in[b].n;
            for (int i = 0; i < f.in[b].n; i++)
                fn->peers[i] = view(fn, f.in[b].mem[i]);
            for (int i = 0; i < f.in[b].n; i++) {
                chk_state s = view(fn, f.in[b].mem[i]);
                chk_state_copy(fn, &st, &s);
                run_block(&f, b, &st, &tmp, false);
            }
        }
        fn->npeers = 0;
        fn->reporting = false;
        /* the states at the exit make the summary */
        block_in *ex = &f.in[fn->cfg.exit];
        fn->nexit = ex->n;
        for (int i = 0; i < ex->n; i++) { /* they outlive the arena's next reset */
            fn->exit_mem[i] = malloc(f.bytes);
            if (!fn->exit_mem[i]) {
                while (i > 0)
                    free(fn->exit_mem[--i]);
                fn->nexit = 0;
                rc = -1;
                break;
            }
            memcpy(fn->exit_mem[i], ex->mem[i], f.bytes);
        }
    }
    free(f.in);
    free(f.queue);
    free(f.queued);
    free(m1);
    free(m2);
    fn->cur_block = -1;
    return rc;
}

chk_state chk_exit_state(const chk_fn *fn, int i)
{
    return view(fn, fn->exit_mem[i]);
}
