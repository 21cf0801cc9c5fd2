/* engine.h: the analysis engine of `own check` — control-flow graphs built from libclang cursors,
 * the places (owners) a function talks about, the abstract values they hold, per-path states, the
 * transfer functions, function summaries and the hooks the rules in rules/ implement.
 *
 * The model, in one paragraph: a *place* is something that can own a block: a local or parameter,
 * a field path such as `s->buf`, or `*pp`. A place holds a *value*: a bit set saying what it may
 * be (NULL, a heap object, the address of a stack variable, a static address, an integer constant,
 * moved-from, unknown). Heap *objects* are named by their allocation site (the call that made
 * them) and carry their own state bits (owned, freed, escaped). A *state* is one array of values
 * plus one array of objects; each block of the CFG holds a short list of states (disjuncts) that
 * are kept apart while they disagree on a flag's constant or on which object a pointer holds, so a
 * flag that guards an allocation is understood without full path enumeration. */
#ifndef OWN_CHECKER_ENGINE_H
#define OWN_CHECKER_ENGINE_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* Bounds that keep the work per function small; beyond them the function is skipped with a note. */
#define CHK_MAX_PLACES   384
#define CHK_MAX_OBJECTS  512
#define CHK_MAX_BLOCKS   4096
#define CHK_MAX_DISJUNCT 6
#define CHK_MAX_DEPTH    256 /* nesting of statements and expressions we follow */

/* ------------------------------------------------------------------ control-flow graph */
enum { EV_EXPR, EV_DECL, EV_RETURN, EV_SCOPE_END, EV_PARAMS_END };

typedef struct {
    CXCursor c;         /* the expression, VarDecl, ReturnStmt or (scope end) VarDecl */
    CXSourceLocation at; /* where a scope end happens: the closing brace or the return */
    uint8_t kind;
    uint8_t why; /* scope end: LOSE_SCOPE or LOSE_RETURN */
} chk_event;

typedef struct {
    chk_event *ev;
    int nev, capev;
    int *succ;
    int nsucc, capsucc;
    bool branch;      /* ends in a two-way branch on cond: succ[0] when true, succ[1] when false */
    CXCursor cond;    /* an atom: && || ! are lowered into blocks */
    unsigned guard_line; /* the innermost condition on the way here, for path notes */
    int8_t guard_pol;    /* 1 true, 0 false, -1 none */
} chk_block;

typedef struct {
    chk_block *b;
    int n, cap;
    int entry, exit;
    bool gave_up;
    char why[128];
    CXSourceLocation why_at;
} chk_cfg;

struct chk_tu;
int chk_cfg_build(chk_cfg *g, CXCursor fn, struct chk_tu *tu);
void chk_cfg_free(chk_cfg *g);
bool chk_call_noreturn(CXCursor call); /* exit(), abort(), __attribute__((noreturn)) ... */

/* ------------------------------------------------------------------ places, values, objects */
enum { PL_RET, PL_VAR, PL_FIELD, PL_DEREF };

typedef struct {
    uint8_t kind;
    bool param, global, local_array, arrow, flag, pointer;
    int16_t base;        /* FIELD/DEREF: the place this one hangs off */
    int16_t param_index; /* VAR param: its position */
    unsigned hash;
    CXCursor decl; /* VAR: the VarDecl/ParmDecl; FIELD: the FieldDecl */
    char cleanup[48]; /* VAR with __attribute__((cleanup(f))): f */
    char name[64];
} chk_place;

enum {
    VM_UNKNOWN = 1 << 0,
    VM_NULL = 1 << 1,
    VM_OBJ = 1 << 2,
    VM_STACK = 1 << 3,  /* k = place of the stack variable */
    VM_STATIC = 1 << 4, /* string literal, global or function address */
    VM_INT = 1 << 5,    /* exactly the constant k; never combined with other bits */
    VM_MOVED = 1 << 6,  /* site = where it was moved */
    VM_INTERIOR = 1 << 7, /* with OBJ: points inside the block, not at its start */
    VM_STATUS = 1 << 8,   /* an int whose failure means obj k was not allocated; site = how */
    VM_ADDR = 1 << 9,     /* the address of place k (with STACK when k is on the stack) */
};

typedef struct {
    uint16_t m;
    int16_t obj;
    int32_t k;
    int32_t site;
} chk_val;

/* OWNED: ours to free (a leak if lost). LIVE: a caller's block not yet freed on this path - its
 * absence on every path at exit is what makes a summary say "frees its parameter". */
enum { OM_OWNED = 1, OM_FREED = 2, OM_ESCAPED = 4, OM_PARAM = 8, OM_LIVE = 16 };
enum { FAM_NONE, FAM_MALLOC, FAM_FILE, FAM_PIPE, FAM_DIR, FAM_OWN };
const char *chk_family_alloc(int fam);
const char *chk_family_free(int fam);

typedef struct {
    uint8_t m, fam;
    int16_t realloc_of; /* this block came from realloc of that one: failure keeps the old */
    int32_t alloc_site, free_site;
} chk_obj;

typedef struct {
    chk_val *v;
    chk_obj *o;
} chk_state;

/* A site: where something happened, and under which condition, for notes. */
typedef struct {
    chk_loc at;
    unsigned guard_line;
    int8_t guard_pol;
    unsigned hash;
    CXCursor c;
} chk_site;

/* ------------------------------------------------------------------ summaries */
enum { RET_UNKNOWN, RET_NEW, RET_PARAM, RET_NULL };

typedef struct {
    char name[64];
    uint32_t frees, keeps, derefs_freed, out_alloc, writes_deref; /* bit per parameter */
    uint8_t ret, ret_param, ret_fam;
    bool ret_nullable, known, noreturn;
    int version;
} chk_summary;

/* The built-in table: the C library, POSIX and libown. */
enum {
    B_NONE,
    B_ALLOC,     /* returns a new block of family fam */
    B_REALLOC,   /* arg is the old block */
    B_FREE,      /* frees arg */
    B_OUT_ALLOC, /* stores a new block through arg (a pointer to a pointer); status result */
    B_READS,     /* only reads its arguments */
    B_MOVE,      /* own_move(&h) */
    B_BORROW,    /* own_borrow(&h), own_resize(&h, n): a use of h */
    B_DUP_ARG,   /* returns arg (strcpy, memcpy, ...) */
};
typedef struct {
    const char *name;
    uint8_t what, fam, arg;
    uint8_t arg2; /* B_OUT_ALLOC: how the result reports failure (STATUS_NEGATIVE, _NONZERO) */
    bool nullable, prefix; /* B_OUT_ALLOC: nullable means "has a status result" */
} chk_builtin;
enum { STATUS_NEGATIVE = 1, STATUS_NONZERO = 2 };
const chk_builtin *chk_builtin_find(const char *name);

/* ------------------------------------------------------------------ translation unit */
typedef struct chk_fn chk_fn;

typedef struct chk_tu {
    CXTranslationUnit tu;
    chk_report *report;
    chk_summary *sums;
    int nsums;
    int *sum_index; /* open addressing by name: slot -> summary + 1 */
    int sum_slots;
} chk_tu;

chk_summary *chk_summary_find(chk_tu *tu, const char *name);
/* Analyses every function of the main file: summaries bottom-up, then findings. */
void chk_analyse_tu(chk_tu *tu);

/* ------------------------------------------------------------------ one function */
struct chk_fn {
    chk_tu *tu;
    CXCursor decl;
    char name[64];
    chk_cfg cfg;
    chk_place *pl;
    int np;
    unsigned *pl_index; /* open-addressing table: hash slot -> place + 1 */
    int nparams;
    chk_site *sites;
    int nsites, capsites;
    unsigned *site_index; /* hash slot -> site + 1 */
    int ncall_objs;   /* objects 0..ncall_objs-1 are call sites; then one per place */
    int nobj;
    bool reporting, frozen;
    int pass;
    int cur_block;
    bool needs_redo; /* called a function of this unit whose summary was not known yet */
    bool unmodelled; /* an expression we could not follow was met */
    CXCursor watch;   /* the atom of the branch being evaluated */
    chk_val watched;
    bool watch_hit;
    unsigned char *exit_mem[CHK_MAX_DISJUNCT]; /* states reaching the exit, for the summary */
    int nexit;
};

int chk_place_of(chk_fn *fn, CXCursor e);      /* -1 when the expression is not a place */
int chk_place_var(chk_fn *fn, CXCursor decl);   /* the VAR place of a VarDecl/ParmDecl */
int chk_site_of(chk_fn *fn, CXCursor c);        /* creates on demand */
int chk_place_root(const chk_fn *fn, int p);    /* the VAR at the bottom of a field path */
bool chk_place_caller_visible(const chk_fn *fn, int p);
/* The AST node behind a cursor. libclang's cursors also carry the parent they were reached from,
 * so clang_equalCursors and clang_hashCursor differ for one node reached by two paths; a node is
 * named by its Stmt (expressions, statements) or Decl pointer instead. */
const void *chk_node(CXCursor c);
static inline bool chk_same_node(CXCursor a, CXCursor b)
{
    return a.kind == b.kind && chk_node(a) == chk_node(b);
}
static inline unsigned chk_node_hash(CXCursor c)
{
    uintptr_t p = (uintptr_t)chk_node(c);
    return (unsigned)((p >> 4) ^ (p >> 20)) * 2654435761u + (unsigned)c.kind;
}
CXCursor chk_strip(CXCursor e); /* through parens, implicit and explicit casts */
int chk_children(CXCursor c, CXCursor *out, int max); /* returns the count, fills up to max */
unsigned chk_cursor_line(CXCursor c);
chk_loc chk_loc_of(chk_fn *fn, CXCursor c);
chk_loc chk_loc_at(chk_fn *fn, CXSourceLocation at);
int chk_prepare_places(chk_fn *fn); /* collects places and call sites of the body */

/* state.c */
size_t chk_state_bytes(const chk_fn *fn);
void chk_state_init_entry(chk_fn *fn, chk_state *st);
void chk_state_copy(const chk_fn *fn, chk_state *dst, const chk_state *src);
bool chk_state_same_key(const chk_fn *fn, const chk_state *a, const chk_state *b);
bool chk_state_join(const chk_fn *fn, chk_state *into, const chk_state *from, bool force);
bool chk_val_null_only(chk_val v);
bool chk_obj_referenced(const chk_fn *fn, const chk_state *st, int obj, int except_place);

/* eval.c: transfer functions */
void chk_transfer_event(chk_fn *fn, chk_state *st, const chk_event *ev);
chk_val chk_eval(chk_fn *fn, chk_state *st, CXCursor e, int depth);
/* Narrows st to the paths where cond has the given truth; false when none remains. */
bool chk_refine(chk_fn *fn, chk_state *st, CXCursor cond, bool truth);
CXCursor chk_cond_subject(CXCursor cond); /* the expression a branch tests */
void chk_assign(chk_fn *fn, chk_state *st, int place, chk_val v, CXCursor at);
void chk_escape(chk_fn *fn, chk_state *st, chk_val v);
void chk_free_value(chk_fn *fn, chk_state *st, chk_val v, int fam, CXCursor call, CXCursor arg,
                    const char *how);
void chk_lose_place(chk_fn *fn, chk_state *st, int place, CXSourceLocation at, int why);
chk_val chk_eval_call(chk_fn *fn, chk_state *st, CXCursor call, int depth);
void chk_cleanup_var(chk_fn *fn, chk_state *st, int place, CXSourceLocation at);

/* dataflow.c */
int chk_dataflow(chk_fn *fn); /* 0, or -1 when the function was given up */
chk_state chk_exit_state(const chk_fn *fn, int i);

/* ------------------------------------------------------------------ rules (rules/check_*.c) */
enum { LOSE_SCOPE, LOSE_OVERWRITE, LOSE_RETURN, LOSE_FREE_PARENT, LOSE_REALLOC };
void chk_rule_use_after_free(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, const char *how);
void chk_rule_use_after_move(chk_fn *fn, chk_state *st, int place, chk_val v, CXCursor at);
bool chk_rule_double_free(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg);
bool chk_rule_free_non_heap(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg);
bool chk_rule_free_interior(chk_fn *fn, chk_state *st, chk_val v, CXCursor call, CXCursor arg);
bool chk_rule_mismatched_free(chk_fn *fn, chk_state *st, chk_val v, int fam, CXCursor call,
                              CXCursor arg, const char *how);
void chk_rule_leak(chk_fn *fn, chk_state *st, int obj, int place, CXSourceLocation at, int why);
void chk_rule_dangling_stack(chk_fn *fn, chk_state *st, chk_val v, CXCursor at, int into_place);

/* rules/common.c: what rules share to build a finding */
void chk_finding_start(chk_fn *fn, chk_finding *f, chk_kind kind, chk_loc at);
void chk_finding_note(chk_finding *f, chk_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void chk_finding_site_note(chk_fn *fn, chk_finding *f, int site, const char *label);
void chk_finding_path(chk_fn *fn, chk_finding *f, int site, bool invert);
void chk_finding_emit(chk_fn *fn, chk_finding *f);
const char *chk_value_name(chk_fn *fn, CXCursor e, char *buf, size_t n);

#endif
