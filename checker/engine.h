/* engine.h: the analysis engine of `own check` — control-flow graphs built from libclang cursors,
 * the places (owners) a function talks about, the abstract values they hold, per-path states, the
 * transfer functions, function summaries and the hooks the rules in rules/ implement.
 *
 * The model, in one paragraph: a *place* is something that can own a block: a local or parameter,
 * a field path such as `s->buf`, `*pp`, or an element `a[i]` (followed until i changes). A place
 * holds a *value*: a bit set saying what it may be (NULL, a heap object, the address of a stack
 * variable, a static address, an integer constant, moved-from, unknown). Heap *objects* are named
 * by their allocation site (the call that made them) and carry their own state bits (owned, freed,
 * escaped). A *state* is one array of values plus one array of objects; each block of the CFG holds
 * a short list of states (disjuncts) that are kept apart while they disagree on the constant of a
 * flag some branch tests, on which object a pointer holds, or on whether a tested pointer is NULL
 * while another owner differs, so a flag or a pointer that guards an allocation is understood
 * without full path enumeration. */
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
#define CHK_MAX_DISPATCH 32  /* labels a computed goto may go to */

/* ------------------------------------------------------------------ control-flow graph */
enum { EV_EXPR, EV_DECL, EV_RETURN, EV_SCOPE_END, EV_PARAMS_END };

typedef struct {
    CXCursor c;          /* the expression, VarDecl, ReturnStmt or (scope end) VarDecl */
    CXSourceLocation at; /* where a scope end happens: the closing brace or the return */
    CXCursor arm_of;     /* a `?:` split into two paths: on this one it is its arm number `arm` */
    uint8_t kind;
    uint8_t why; /* scope end: LOSE_SCOPE or LOSE_RETURN */
    uint8_t arm; /* 1 (then) or 2 (else) when arm_of is set */
} chk_event;

typedef struct {
    chk_event *ev;
    int nev, capev;
    int *succ;
    int nsucc, capsucc;
    bool branch;   /* ends in a two-way branch on cond: succ[0] when true, succ[1] when false */
    CXCursor cond; /* an atom: && || ! are lowered into blocks */
    unsigned guard_line; /* the innermost condition on the way here, for path notes */
    int8_t guard_pol;    /* 1 true, 0 false, -1 none */
    bool dispatch;       /* a switch on `subject`: an edge to a case block says subject == case */
    bool is_case;        /* the first block of `case case_val:` */
    CXCursor subject;
    long long case_val;
} chk_block;

typedef struct {
    chk_block *b;
    int n, cap;
    int entry, exit;
    unsigned first_label_line; /* of the function's first goto label, 0 without one */
    bool gave_up;
    char why[128];
    CXSourceLocation why_at;
} chk_cfg;

struct chk_tu;
int chk_cfg_build(chk_cfg *g, CXCursor fn, struct chk_tu *tu);
void chk_cfg_free(chk_cfg *g);
bool *chk_cfg_loop_blocks(const chk_cfg *g);              /* malloc'd: true for blocks on a cycle */
bool chk_call_noreturn(struct chk_tu *tu, CXCursor call); /* exit(), abort(), _Noreturn ... */

/* ------------------------------------------------------------------ places, values, objects */
enum { PL_RET, PL_VAR, PL_FIELD, PL_DEREF, PL_ELEM };

typedef struct {
    uint8_t kind;
    bool param, global, local_array, global_array, arrow, flag, pointer;
    /* a global pointer or struct with external linkage, declared by the program (not a system
     * header's, as stdin): code in its other files may assign it */
    bool external;
    int8_t global_bit; /* a flag global's bit (globals.c), else -1 */
    /* a branch decides on it: states keep its constant or NULL apart (tested.c) */
    bool tested;
    uint8_t decisions;   /* how many read it to decide (tested.c), up to 2 */
    int16_t base;        /* FIELD/DEREF: the place this one hangs off */
    int16_t param_index; /* VAR param: its position */
    int16_t index_place; /* ELEM `a[i]`: the place of i, or -1 when the index is index_const */
    int32_t index_const;
    /* FIELD: where in its struct (bits; -1 unknown) and a hash of its type, for the fields a
     * store through an unknown pointer may write (eval.c); DEREF: -1 and its type's hash */
    int32_t field_offset;
    unsigned field_type;
    unsigned hash;
    CXCursor decl;    /* VAR: the VarDecl/ParmDecl; FIELD: the FieldDecl */
    char cleanup[48]; /* VAR with __attribute__((cleanup(f))): f */
    char name[64];
} chk_place;

enum {
    VM_UNKNOWN = 1 << 0,
    VM_NULL = 1 << 1,
    VM_OBJ = 1 << 2,
    VM_STACK = 1 << 3,    /* k = place of the stack variable */
    VM_STATIC = 1 << 4,   /* string literal, global or function address */
    VM_INT = 1 << 5,      /* exactly the constant k; never combined with other bits */
    VM_MOVED = 1 << 6,    /* site = where it was moved */
    VM_INTERIOR = 1 << 7, /* with OBJ: points inside the block, not at its start */
    VM_STATUS = 1 << 8,   /* an int whose failure means obj k was not allocated; site = how */
    VM_ADDR = 1 << 9,     /* the address of place k (with STACK when k is on the stack) */
    VM_NOT = 1 << 10,     /* an int known not to be k (`if (flag)`: not 0); alone, as INT */
    VM_NONNULL = 1 << 11, /* with UNKNOWN: a pointer a branch found not NULL on this path */
};

/* off: with OBJ, how many bytes past the start of the block the pointer is (CHK_OFF_UNKNOWN
 * when not known); VM_INTERIOR is set exactly when it is not 0. */
typedef struct {
    uint16_t m;
    int16_t obj;
    int32_t k;
    int32_t site;
    int32_t off;
} chk_val;
#define CHK_OFF_UNKNOWN INT32_MIN
/* v moved by delta bytes (unknown when !known). */
chk_val chk_val_shift(chk_val v, bool known, long long delta);

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
    int32_t free_off; /* the offset of the pointer it was freed through (a caller's block) */
} chk_obj;

/* A path's knowledge of the order of two integer places: the signs a - b may have (order.c).
 * b == CHK_ORDER_CONST compares place a with the constant k instead. a == 0 marks a free slot.
 * No padding: states are compared with memcmp. */
#define CHK_MAX_ORDER   4
#define CHK_ORDER_CONST (-1)
typedef struct {
    int32_t k;
    int16_t a, b;
    uint8_t signs, reserved[3];
} chk_order;

typedef struct {
    chk_val *v;
    chk_obj *o;
    chk_order *ord; /* CHK_MAX_ORDER of them */
} chk_state;

/* A site: where something happened, and under which condition, for notes. */
typedef struct {
    chk_loc at;
    int block; /* where it was first met, or -1 */
    unsigned guard_line;
    int8_t guard_pol;
    unsigned hash;
    CXCursor c;
} chk_site;

/* ------------------------------------------------------------------ summaries */
enum { RET_UNKNOWN, RET_NEW, RET_PARAM, RET_NULL, RET_REALLOC };
/* What became of the block a caller's place held: freed on every path, or maybe freed or kept. */
enum { FATE_NONE, FATE_FREED, FATE_KEPT };
/* What the caller's place holds afterwards. */
enum { AFTER_SAME, AFTER_NULL, AFTER_NEW, AFTER_MOVED, AFTER_UNKNOWN };

#define CHK_SUM_PATH    3
#define CHK_MAX_EFFECTS 32

/* One effect of a function on a place its caller can name: a parameter (`p`), a place reached
 * through one (`*out`, `b->data`) or a global (`g_buf`), as a root and a path of steps, each a
 * field (FieldDecl, with whether it goes through a pointer) or a `*` (null field). */
typedef struct {
    int8_t param; /* the root: this parameter, or -1 for the global `root` */
    uint8_t nsteps;
    uint8_t fate, after, fam; /* fam: of the block AFTER_NEW stores */
    bool used;        /* the block is used (read, borrowed) before anything else is stored there */
    bool nullable;    /* AFTER_NEW: may be NULL */
    bool status;      /* AFTER_NEW: only when the result says success (see status_kind) */
    int32_t free_off; /* FATE_FREED: freed through the pointer moved by this many bytes */
    bool arrow[CHK_SUM_PATH];
    CXCursor root;
    CXCursor field[CHK_SUM_PATH];
} chk_effect;

typedef struct {
    char name[64];
    chk_effect eff[CHK_MAX_EFFECTS];
    int neff;
    bool overflow; /* more effects than fit: callers forget what the arguments reach */
    uint8_t ret, ret_param, ret_fam;
    uint8_t status_kind; /* STATUS_NEGATIVE or STATUS_NONZERO when an effect is `status` */
    int32_t ret_off;     /* RET_PARAM: bytes past the parameter's pointer (or CHK_OFF_UNKNOWN) */
    bool ret_nullable, known, noreturn;
    /* Not analysed yet: a call to it (only possible around a cycle of the call graph) is taken as
     * never returning for now, the least fixed point, and the cycle is analysed again until its
     * summaries hold still (summary.c). */
    bool pending;
    uint32_t whole_records;  /* bit i: struct parameter i is copied whole (record_params.c) */
    uint32_t whole_pointees; /* bit i: the struct parameter i points to is copied whole */
    uint64_t flag_writes;    /* the file's flag globals a call may assign (globals.c) */
    int version;
} chk_summary;
/* Bit i set: the struct parameter i of function fn is used as a whole value, not field by field
 * (by_value), or the struct pointer parameter i points to is (through_pointer). */
void chk_record_params_whole(CXCursor fn, uint32_t *by_value, uint32_t *through_pointer);
/* The effect on `*param` (cleanup attributes call f(&var)), or NULL. */
const chk_effect *chk_summary_deref_effect(const chk_summary *s, int param);

/* The built-in table: the C library, POSIX and libown. */
enum {
    B_NONE,
    B_ALLOC,         /* returns a new block of family fam */
    B_REALLOC,       /* arg is the old block */
    B_FREE,          /* frees arg */
    B_OUT_ALLOC,     /* stores a new block through arg (a pointer to a pointer); status result */
    B_OUT_REALLOC,   /* as B_OUT_ALLOC, but it reallocates the block already there (getline) */
    B_READS,         /* only reads its arguments */
    B_MOVE,          /* own_move(&h) */
    B_BORROW,        /* own_borrow(&h), own_resize(&h, n): a use of h */
    B_DUP_ARG,       /* returns arg (strcpy, memcpy, ...) */
    B_ALLOC_IF_NULL, /* a new block when arg is NULL, else arg itself (realpath, getcwd) */
};
typedef struct {
    const char *name;
    uint8_t what, fam, arg;
    uint8_t arg2; /* B_OUT_ALLOC: how the result reports failure (STATUS_NEGATIVE, _NONZERO) */
    bool nullable, prefix; /* B_OUT_ALLOC: nullable means "has a status result" */
} chk_builtin;
/* How a result says the block was not made: negative, nonzero, or zero (NULL) on failure. */
enum { STATUS_NEGATIVE = 1, STATUS_NONZERO = 2, STATUS_ZERO = 3 };
/* The entry for a function of that name whose declared type (CXType_Invalid when unknown) has
 * the entry's shape; NULL when none. */
const chk_builtin *chk_builtin_find(const char *name, CXType function);

/* Names of functions, each once (names.c): what a function or a unit calls without a body. */
typedef struct {
    char **v;
    int n, cap;
} chk_names;
void chk_names_add(chk_names *names, const char *name);
void chk_names_clear(chk_names *names);
unsigned chk_name_hash(const char *s); /* FNV-1a; of a type spelling too (places.c) */
/* A table's index by name, open addressing (slot -> entry + 1): doubles *slots when one more of
 * its n names would fill it past half (first_slots, a power of two, the first time); false when
 * out of memory. name(table, i) is the name of entry i. */
typedef const char *chk_name_at(const void *table, int i);
bool chk_index_room(int **index, int *slots, int n, int first_slots, chk_name_at *name,
                    const void *table);
/* The slot of `name` in an index of `slots` slots (more than 0), *found its entry; or, *found -1,
 * the free slot where it goes. */
unsigned chk_index_slot(const int *index, int slots, const char *name, chk_name_at *name_at,
                        const void *table, int *found);
/* Room for entry n of *v (entries of `size` bytes): doubles *cap, first_cap the first time;
 * false when out of memory. */
bool chk_room_for_one(void **v, int *cap, int n, size_t size, int first_cap);

/* ------------------------------------------------------------------ translation unit */
typedef struct chk_fn chk_fn;

/* Bump allocation for path states, reset between functions (arena.c). */
typedef struct {
    struct chk_chunk *first, *current;
} chk_arena;
void *chk_arena_alloc(chk_arena *a, size_t bytes); /* NULL when out of memory */
void chk_arena_reset(chk_arena *a);                /* everything allocated is free again */
void chk_arena_free(chk_arena *a);

typedef struct chk_tu {
    CXTranslationUnit tu;
    chk_report *report;
    chk_summary *sums;
    int nsums;
    int *sum_index; /* open addressing by name: slot -> summary + 1 */
    int sum_slots;
    const void **written; /* globals some function assigns or takes the address of */
    int nwritten, capwritten;
    chk_arena states;      /* the path states of the function being analysed (the thread's arena) */
    struct chk_link *link; /* the other units of the run, or NULL (check.h) */
    struct chk_imports *imports;           /* summaries brought in from them (exports.c) */
    struct chk_funcs *funcs;               /* its functions, kept for another round (summary.c) */
    struct chk_flag_globals *flag_globals; /* globals.c */
} chk_tu;

/* globals.c: the file's own integer globals that are flags, and which calls may assign them.
 * Found once the unit's summaries exist (their flag_writes are set), before any is analysed. */
void chk_flag_globals_find(chk_tu *tu);
void chk_flag_globals_free(chk_tu *tu);
/* The bit of global `decl` when it is a flag, else -1. */
int chk_flag_global_bit(const chk_tu *tu, CXCursor decl);
/* How a call of a function this file does not define may call the file's functions back. */
enum chk_calls_back {
    CHK_CALLS_BACK_NONE,   /* it cannot: the C library's, handed no function */
    CHK_CALLS_BACK_HANDED, /* through the function pointers it is handed (qsort) */
    CHK_CALLS_BACK_ANY,    /* another file's, or a call through a pointer */
    CHK_CALLS_BACK_KINDS
};
enum chk_calls_back chk_call_may_call_back(CXCursor call);
/* The flag globals a call of that kind may assign. */
uint64_t chk_flag_globals_outside(const chk_tu *tu, enum chk_calls_back kind);

chk_summary *chk_summary_find(chk_tu *tu, const char *name);
/* The summary another unit of the run published for `name`, when it says something and this unit
 * has no body for it; NULL otherwise (exports.c). */
chk_summary *chk_import(chk_tu *tu, const char *name);
void chk_imports_free(chk_tu *tu);
/* Publishes the summary of `decl`, a definition of this unit, if other units can call it. */
void chk_publish_summary(chk_tu *tu, CXCursor decl, const char *name);
/* A file-local pointer initialised with a string literal that no function changes. */
bool chk_global_is_literal(const chk_tu *tu, CXCursor decl);
/* Analyses every function of the main file: summaries bottom-up, then findings. */
void chk_analyse_tu(chk_tu *tu);
/* Another round, on a unit analysed before with link->keep_functions: the functions that call one
 * of another unit whose summary changed since link->changed_since are analysed again, and their
 * callers here as long as their own summaries change; their findings replace the old ones. */
void chk_analyse_tu_again(chk_tu *tu);
/* What chk_analyse_tu made (not the report, nor tu->tu). */
void chk_tu_free(chk_tu *tu);

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
    int ncall_objs;       /* objects: see chk_entry_obj */
    int16_t *older_of;    /* per call site in a loop: its older object among them, else -1 */
    int nobj;
    bool reporting, frozen;
    bool field_flags; /* a tested integer field or element: calls may have to forget it */
    int pass;
    int cur_block;
    bool needs_redo; /* called a function of this unit whose summary was not known yet */
    bool unmodelled; /* an expression we could not follow was met */
    CXCursor arm_of; /* the `?:` of the current event that was split into paths, and which arm */
    int arm;
    /* The next braced list is a struct literal passed to a function whose summary is known
     * (call.c): its places' blocks do not escape there. */
    bool lent_literal;
    /* The last block a call site met again handed to its older object (call.c): an argument
     * evaluated before that call, `f(p, strdup(s))` in a loop, follows it there. */
    unsigned retires;
    int16_t retired_from, retired_to;
    CXCursor watch; /* the atom of the branch being evaluated */
    chk_val watched;
    bool watch_hit;
    unsigned char *entry_used; /* per place: its entry block was used (for the summary) */
    unsigned char *exit_mem[CHK_MAX_DISJUNCT]; /* states reaching the exit, for the summary */
    /* While reporting: the states entering the current block, the one being run among them. A
     * finding on one of them can name the branch that set it apart from the others. */
    chk_state peers[CHK_MAX_DISJUNCT];
    int npeers;
    int nexit;
};

/* The heap objects of a function: first the block each call site made last (numbered as the
 * site), then the caller's block behind each place at entry, then per call site one object for
 * the blocks it made before the last - a loop's previous trips, kept apart from the newest. */
static inline int chk_entry_obj(const chk_fn *fn, int place)
{
    return fn->ncall_objs + place;
}
static inline bool chk_obj_is_entry(const chk_fn *fn, int obj)
{
    return obj >= fn->ncall_objs && obj < fn->ncall_objs + fn->np;
}
static inline int chk_older_obj(const chk_fn *fn, int site)
{
    int k = site >= 0 && site < fn->ncall_objs ? fn->older_of[site] : -1;
    return k < 0 ? -1 : fn->ncall_objs + fn->np + k;
}
/* made by this function (and not the caller's) */
static inline bool chk_obj_is_local(const chk_fn *fn, int obj)
{
    return obj >= 0 && obj < fn->nobj && !chk_obj_is_entry(fn, obj);
}

int chk_place_of(chk_fn *fn, CXCursor e);     /* -1 when the expression is not a place */
int chk_place_var(chk_fn *fn, CXCursor decl); /* the VAR place of a VarDecl/ParmDecl */
/* base.field (arrow: base->field); created while places are collected, else -1 when new */
int chk_place_field(chk_fn *fn, int base, CXCursor field, bool arrow);
/* A type whose values own what they point to: a pointer, or libown's own_box handle. */
bool chk_type_owns(CXType t);
int chk_site_of(chk_fn *fn, CXCursor c);     /* creates on demand */
int chk_place_root(const chk_fn *fn, int p); /* the VAR at the bottom of a field path */
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
CXCursor chk_strip(CXCursor e);          /* through parens, casts and __builtin_expect */
CXCursor chk_expect_operand(CXCursor e); /* x of `__builtin_expect(x, c)`, else a null cursor */
int chk_children(CXCursor c, CXCursor *out, int max); /* returns the count, fills up to max */
unsigned chk_cursor_line(CXCursor c);
chk_loc chk_loc_of(chk_fn *fn, CXCursor c);
chk_loc chk_loc_at(chk_fn *fn, CXSourceLocation at);
int chk_prepare_places(chk_fn *fn); /* collects places and call sites of the body */
void chk_mark_tested(chk_fn *fn);   /* tested.c: sets `tested` on the places branches decide on */

/* state.c */
size_t chk_state_bytes(const chk_fn *fn);
void chk_state_init_entry(chk_fn *fn, chk_state *st);
void chk_state_copy(const chk_fn *fn, chk_state *dst, const chk_state *src);
bool chk_state_same_key(const chk_fn *fn, const chk_state *a, const chk_state *b);
#define CHK_DISTANCE_OWNERS (1 << 20)
/* a place holds a block it owns on one path and not on the other: a flag the paths disagree on
 * says which (`foundfile` set exactly when `input` owns a file), so such states are joined last */
#define CHK_DISTANCE_HOLDER 8
int chk_state_distance(const chk_fn *fn, const chk_state *a, const chk_state *b);
bool chk_state_join(const chk_fn *fn, chk_state *into, const chk_state *from, bool force);
bool chk_val_null_only(chk_val v);
/* A flag's value known on this path: exactly a constant, or known not to be one. */
static inline bool chk_val_const(chk_val v)
{
    return v.m == VM_INT || v.m == VM_NOT;
}
/* Its truth: 1, 0, or -1 when not known. */
static inline int chk_val_truth(chk_val v)
{
    if (v.m == VM_INT) return v.k != 0;
    return v.m == VM_NOT && v.k == 0 ? 1 : -1;
}
bool chk_obj_referenced(const chk_fn *fn, const chk_state *st, int obj, int except_place);

/* order.c: the order of integers along a path */
/* Narrows st by a comparison of two integer places; *handled tells whether cond was one. */
bool chk_order_refine(chk_fn *fn, chk_state *st, CXCursor cond, bool truth, bool *handled);
/* After `place = value` (or, added, `place += value`): what value says of the new integer (a sum
 * of sizes and a positive constant is above 0). */
void chk_order_assigned(chk_fn *fn, chk_state *st, int place, CXCursor value, bool added);
/* Narrows st by `place OP k` (truth: on the edge where it holds); false when the path cannot
 * take that edge. */
bool chk_order_refine_const(chk_fn *fn, chk_state *st, int place, enum CXBinaryOperatorKind op,
                            long long k, bool truth);
/* What the path knows of `place OP k`, or of `a OP b` for two places: 1, 0, or -1 (unknown). */
int chk_order_truth_const(const chk_fn *fn, chk_state *st, int place, enum CXBinaryOperatorKind op,
                          long long k);
int chk_order_truth(const chk_fn *fn, chk_state *st, int a, int b, enum CXBinaryOperatorKind op);
/* refine.c: the same for any comparison expression e */
int chk_compare_truth(chk_fn *fn, chk_state *st, CXCursor e);
/* Place p was written: by `p++` (dir 1), `p--` (dir -1) or anything else (dir 0). */
void chk_order_changed(chk_fn *fn, chk_state *st, int p, int dir);
/* After `p++` (dir 1) or `p--` (dir -1) from the constant `from`: p is above (below) it. */
void chk_order_stepped_from(chk_fn *fn, chk_state *st, int p, long long from, int dir);
bool chk_order_join(chk_order *into, const chk_order *from); /* true when into changed */
/* Whether a and b know opposite orders of one pair (`i == n` on one, `i != n` on the other). */
bool chk_order_disagree(const chk_order *a, const chk_order *b);

/* eval.c: transfer functions */
void chk_transfer_event(chk_fn *fn, chk_state *st, const chk_event *ev);
chk_val chk_eval(chk_fn *fn, chk_state *st, CXCursor e, int depth);
/* Narrows st to the paths where cond has the given truth; false when none remains. */
bool chk_refine(chk_fn *fn, chk_state *st, CXCursor cond, bool truth);
CXCursor chk_cond_subject(CXCursor cond); /* the expression a branch tests */
/* Whether cond compares an expression with a constant (`x < 4`, `0 == x`): the expression, the
 * constant and the comparison as if the constant were on the right. */
bool chk_cond_compare(CXCursor cond, CXCursor *subject, long long *k,
                      enum CXBinaryOperatorKind *op);
/* Narrows st to the paths where `x == k` has the given truth (a switch's case). */
bool chk_refine_equals(chk_fn *fn, chk_state *st, CXCursor x, long long k, bool eq);
/* Narrows st to the paths where pointer value v is not NULL (it is returned without NULL). */
chk_val chk_refine_non_null(chk_fn *fn, chk_state *st, chk_val v);
void chk_assign(chk_fn *fn, chk_state *st, int place, chk_val v, CXCursor at);
void chk_index_changed(chk_fn *fn, chk_state *st, int place); /* a[place] are other elements now */
void chk_escape(chk_fn *fn, chk_state *st, chk_val v);
/* by_helper: a function of this file frees it, and whatever it does with the blocks the freed one
 * holds is not told by its summary: they escape rather than leak. */
void chk_free_value(chk_fn *fn, chk_state *st, chk_val v, int fam, CXCursor call, CXCursor arg,
                    const char *how, bool by_helper);
chk_val chk_new_object(chk_fn *fn, chk_state *st, CXCursor call, int fam, bool nullable);
/* realloc(old, n) at call: a new block, the old one dead unless the result turns out NULL */
chk_val chk_realloc_value(chk_fn *fn, chk_state *st, CXCursor call, chk_val old, bool nullable);
/* A value used (read, passed on, borrowed): marks the caller's block it may be, for summaries. */
void chk_note_use(chk_fn *fn, chk_val v);
/* The place `*base`, or -1 when the function never names it. */
int chk_place_deref(chk_fn *fn, int base);
/* p and every field reached from it with `.`: their blocks escape, their values are unknown;
 * but for integers (flags) when keep_flags (a callee given a pointer to const reads them). */
void chk_forget_place(chk_fn *fn, chk_state *st, int p, bool keep_flags);
/* The integer fields and elements (flags) reached from p: a callee given p may write them. */
void chk_forget_flags_under(chk_fn *fn, chk_state *st, int p);
/* A global that code elsewhere may have assigned: what it held escapes, and it holds a block of
 * the program's, as at entry (a caller's block: freeing it twice is still an error). */
void chk_forget_global(chk_fn *fn, chk_state *st, int p);
/* Every block a place named in e holds escapes: for constructs that are not followed. */
void chk_escape_mentions(chk_fn *fn, chk_state *st, CXCursor e);
chk_val chk_apply_summary(chk_fn *fn, chk_state *st, const chk_summary *s, CXCursor call, int n,
                          chk_val *v, CXCursor *a);
void chk_lose_place(chk_fn *fn, chk_state *st, int place, CXSourceLocation at, int why);
chk_val chk_eval_call(chk_fn *fn, chk_state *st, CXCursor call, int depth);
void chk_cleanup_var(chk_fn *fn, chk_state *st, int place, CXSourceLocation at);

/* record.c: structs holding owners */
bool chk_is_record_init(CXCursor decl, CXCursor init); /* `struct s x = {...}` */
void chk_prepare_record_init(chk_fn *fn, int place, CXCursor decl, CXCursor init);
void chk_init_record(chk_fn *fn, chk_state *st, int place, CXCursor decl, CXCursor init);
void chk_copy_record(chk_fn *fn, chk_state *st, int dst, int src, CXCursor at);
/* A struct leaves by value (returned, or passed to a call): its fields' blocks go with it. */
void chk_record_leaves(chk_fn *fn, chk_state *st, int place, CXCursor at, bool returned);

/* dataflow.c */
int chk_dataflow(chk_fn *fn); /* 0, or -1 when the function was given up */
chk_state chk_exit_state(const chk_fn *fn, int i);

/* ------------------------------------------------------------------ rules (rules/check_*.c) */
enum { LOSE_SCOPE, LOSE_OVERWRITE, LOSE_RETURN, LOSE_FREE_PARENT, LOSE_REALLOC, LOSE_DISCARD };
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
/* The path of a finding about obj, from a state kept apart from the others at this block: the
 * branch that freed obj on another state's path, taken the other way. */
void chk_finding_path_from_peers(chk_fn *fn, chk_finding *f, int obj);
void chk_finding_emit(chk_fn *fn, chk_finding *f);
const char *chk_value_name(chk_fn *fn, CXCursor e, char *buf, size_t n);

#endif
