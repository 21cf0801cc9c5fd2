/* cfg.c: a control-flow graph per function, built from libclang cursors in one walk.
 *
 * Blocks hold events (expressions, declarations, returns, scope ends) in execution order. `&&`,
 * `||` and `!` in conditions are lowered into blocks so each branch tests one atom, and the same is
 * done for `?:`, `&&`, `||` and GNU statement expressions used as statements (assert() expands to
 * one). Leaving a scope - by falling off its end, break, continue, goto or return - emits a
 * scope-end event for each variable declared in it, innermost first, which is where cleanup
 * attributes run and where owners are lost. Calls that do not return end their block with no
 * successor. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

typedef struct {
    int target, height;
} jump_target;

typedef struct {
    CXCursor label;
    int block, height;
    CXCursor *vars; /* the variables in scope at the goto (gotos) */
} label_rec;

typedef struct {
    chk_cfg *g;
    chk_tu *tu;
    int cur;
    CXCursor *vars; /* variables in scope, outermost first */
    int nvars, capvars;
    jump_target brk[64], cont[64];
    int nbrk, ncont;
    int sw_dispatch[32], sw_default[32], nsw;
    label_rec *labels, *gotos;
    int nlabels, ngotos, caplabels, capgotos;
    CXCursor body;
    label_rec *taken; /* labels whose address is taken: where a computed goto may go */
    int ntaken, captaken;
    label_rec *computed; /* `goto *p;`: the block and the variables in scope */
    int ncomputed, capcomputed;
    unsigned guard_line;
    int8_t guard_pol;
} builder;

static void give_up(builder *b, CXCursor at, const char *why)
{
    if (b->g->gave_up) return;
    b->g->gave_up = true;
    b->g->why_at = clang_getCursorLocation(at);
    snprintf(b->g->why, sizeof b->g->why, "%s", why);
}

static int new_block(builder *b)
{
    chk_cfg *g = b->g;
    if (g->n >= CHK_MAX_BLOCKS) {
        give_up(b, clang_getNullCursor(), "the function has too many blocks");
        return g->n - 1;
    }
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 16;
        g->b = realloc(g->b, (size_t)g->cap * sizeof *g->b);
    }
    chk_block *bl = &g->b[g->n];
    memset(bl, 0, sizeof *bl);
    bl->guard_line = b->guard_line;
    bl->guard_pol = b->guard_pol;
    return g->n++;
}

static void add_edge(builder *b, int from, int to)
{
    if (from < 0) return;
    chk_block *bl = &b->g->b[from];
    for (int i = 0; i < bl->nsucc; i++)
        if (bl->succ[i] == to && !bl->branch) return;
    if (bl->nsucc == bl->capsucc) {
        bl->capsucc = bl->capsucc ? bl->capsucc * 2 : 2;
        bl->succ = realloc(bl->succ, (size_t)bl->capsucc * sizeof *bl->succ);
    }
    bl->succ[bl->nsucc++] = to;
}

static void add_event(builder *b, int block, uint8_t kind, CXCursor c, CXSourceLocation at)
{
    if (block < 0 || block >= b->g->n) return;
    chk_block *bl = &b->g->b[block];
    if (bl->nev == bl->capev) {
        bl->capev = bl->capev ? bl->capev * 2 : 4;
        bl->ev = realloc(bl->ev, (size_t)bl->capev * sizeof *bl->ev);
    }
    bl->ev[bl->nev++] =
        (chk_event){.c = c, .at = at, .arm_of = clang_getNullCursor(), .kind = kind};
}

static void push_var(builder *b, CXCursor v)
{
    if (b->nvars == b->capvars) {
        b->capvars = b->capvars ? b->capvars * 2 : 16;
        b->vars = realloc(b->vars, (size_t)b->capvars * sizeof *b->vars);
    }
    b->vars[b->nvars++] = v;
}

/* Scope ends for the variables above `height`, innermost first, at `at`. */
static void leave_to(builder *b, int block, int height, CXSourceLocation at, uint8_t why)
{
    if (block < 0 || block >= b->g->n) return;
    for (int i = b->nvars - 1; i >= height; i--) {
        add_event(b, block, EV_SCOPE_END, b->vars[i], at);
        b->g->b[block].ev[b->g->b[block].nev - 1].why = why;
    }
}

/* Which variables matter when their scope ends: anything that can hold an address. */
static bool var_worth_tracking(CXCursor v)
{
    CXType t = clang_getCanonicalType(clang_getCursorType(v));
    if (t.kind >= CXType_FirstBuiltin && t.kind <= CXType_LastBuiltin) return false;
    if (t.kind == CXType_Enum) return false;
    enum CXLinkageKind lk = clang_getCursorLinkage(v);
    if (lk != CXLinkage_NoLinkage) return false; /* extern or static globals */
    if (clang_Cursor_getStorageClass(v) == CX_SC_Static) return false;
    return true;
}

typedef struct {
    CXCursor kids[8];
    int n;
} kids;

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    kids *k = d;
    if (k->n < 8) k->kids[k->n] = c;
    k->n++;
    return CXChildVisit_Continue;
}

static kids children(CXCursor c)
{
    kids k = {.n = 0};
    clang_visitChildren(c, collect_kid, &k);
    if (k.n > 8) k.n = 8;
    return k;
}

static void build_stmt(builder *b, CXCursor s, int depth);

static CXCursor strip_parens(CXCursor e)
{
    for (int i = 0; i < CHK_MAX_DEPTH; i++) {
        enum CXCursorKind k = clang_getCursorKind(e);
        if (k == CXCursor_ParenExpr || (k == CXCursor_UnexposedExpr && children(e).n == 1)) {
            e = children(e).kids[0];
            continue;
        }
        if (k == CXCursor_UnaryOperator &&
            clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_Extension) {
            e = children(e).kids[0];
            continue;
        }
        CXCursor x = chk_expect_operand(e);
        if (!clang_Cursor_isNull(x)) {
            e = x;
            continue;
        }
        break;
    }
    return e;
}

/* Lowers a condition into blocks; the current block branches to t or f. */
static void build_cond(builder *b, CXCursor cond, int t, int f, int depth)
{
    if (b->cur < 0) return;
    CXCursor e = strip_parens(cond);
    enum CXCursorKind k = clang_getCursorKind(e);
    if (depth < CHK_MAX_DEPTH && k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(e);
        kids ch = children(e);
        if ((op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) && ch.n == 2) {
            int mid = new_block(b);
            if (op == CXBinaryOperator_LAnd)
                build_cond(b, ch.kids[0], mid, f, depth + 1);
            else
                build_cond(b, ch.kids[0], t, mid, depth + 1);
            b->cur = mid;
            build_cond(b, ch.kids[1], t, f, depth + 1);
            return;
        }
        if (op == CXBinaryOperator_Comma && ch.n == 2) {
            add_event(b, b->cur, EV_EXPR, ch.kids[0], clang_getNullLocation());
            build_cond(b, ch.kids[1], t, f, depth + 1);
            return;
        }
    }
    if (depth < CHK_MAX_DEPTH && k == CXCursor_UnaryOperator &&
        clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot) {
        build_cond(b, children(e).kids[0], f, t, depth + 1);
        return;
    }
    /* `if (!((s.start = malloc(n)) ? (s.top = s.start, 1) : 0))`, libyaml's STACK_INIT: each arm
     * is a condition of its own, taken on the path its test chose, so the 1 goes with the block */
    if (depth < CHK_MAX_DEPTH && k == CXCursor_ConditionalOperator) {
        kids ch = children(e);
        if (ch.n == 3) {
            int then_arm = new_block(b), else_arm = new_block(b);
            build_cond(b, ch.kids[0], then_arm, else_arm, depth + 1);
            b->cur = then_arm;
            build_cond(b, ch.kids[1], t, f, depth + 1);
            b->cur = else_arm;
            build_cond(b, ch.kids[2], t, f, depth + 1);
            return;
        }
    }
    add_event(b, b->cur, EV_EXPR, e, clang_getNullLocation());
    chk_block *bl = &b->g->b[b->cur];
    bl->branch = true;
    bl->cond = e;
    add_edge(b, b->cur, t);
    b->g->b[b->cur].succ[0] = t;
    bl = &b->g->b[b->cur];
    if (bl->capsucc < 2) {
        bl->capsucc = 2;
        bl->succ = realloc(bl->succ, 2 * sizeof *bl->succ);
    }
    bl->succ[1] = f;
    bl->nsucc = 2;
    b->cur = -1;
}

static void set_guard(builder *b, CXCursor cond, int pol, unsigned *sl, int8_t *sp)
{
    *sl = b->guard_line;
    *sp = b->guard_pol;
    b->guard_line = chk_cursor_line(cond);
    b->guard_pol = (int8_t)pol;
}

static void guard_block(builder *b, int block, CXCursor cond, int pol)
{
    if (block < 0 || block >= b->g->n) return;
    b->g->b[block].guard_line = chk_cursor_line(cond);
    b->g->b[block].guard_pol = (int8_t)pol;
}

static void restore_guard(builder *b, unsigned l, int8_t p)
{
    b->guard_line = l;
    b->guard_pol = p;
}

/* The `c ? x : y` that is the whole value of a return, an initialiser or an assignment, or a
 * null cursor. Such a statement is split into one copy per arm, so that each path carries its own
 * value - a stack buffer on one, a literal on the other - instead of a blur of the two. */
static CXCursor value_conditional(CXCursor value)
{
    if (clang_Cursor_isNull(value)) return value;
    CXCursor e = chk_strip(value);
    return clang_getCursorKind(e) == CXCursor_ConditionalOperator && children(e).n == 3
               ? e
               : clang_getNullCursor();
}

/* The test that is the whole value stored in an integer by an initialiser or an assignment
 * (`bool owned = (p == NULL);`, `done = !more;`), or a null cursor. Such a statement is split in
 * two as a `?:` is, the test's truth on one path and its falsehood on the other, so that the
 * integer, a flag, stays tied to what the test found: `if (owned) free(p);` later frees p only on
 * the path where it was allocated. */
static CXCursor value_test(CXCursor c, CXCursor value)
{
    if (clang_Cursor_isNull(value)) return value;
    enum CXTypeKind stored = clang_getCanonicalType(clang_getCursorType(c)).kind;
    if (stored < CXType_Bool || stored > CXType_Int128) return clang_getNullCursor();
    CXCursor e = chk_strip(value);
    switch (clang_getCursorKind(e)) {
    case CXCursor_BinaryOperator:
        switch (clang_getCursorBinaryOperatorKind(e)) {
        case CXBinaryOperator_EQ:
        case CXBinaryOperator_NE:
        case CXBinaryOperator_LT:
        case CXBinaryOperator_GT:
        case CXBinaryOperator_LE:
        case CXBinaryOperator_GE:
        case CXBinaryOperator_LAnd:
        case CXBinaryOperator_LOr:
            return children(e).n == 2 ? e : clang_getNullCursor();
        default:
            return clang_getNullCursor();
        }
    case CXCursor_UnaryOperator:
        return clang_getCursorUnaryOperatorKind(e) == CXUnaryOperator_LNot && children(e).n == 1
                   ? e
                   : clang_getNullCursor();
    default:
        return clang_getNullCursor();
    }
}

/* Branches on `cond` and puts one event per arm in its own block, marked as arm 1 or 2 of
 * `arm_of` (the `?:` or the test itself); arms[] gets the two blocks, which the caller finishes. */
static void split_on(builder *b, CXCursor arm_of, CXCursor cond, uint8_t kind, CXCursor c,
                     CXSourceLocation at, int arms[2])
{
    arms[0] = new_block(b);
    arms[1] = new_block(b);
    build_cond(b, cond, arms[0], arms[1], 0);
    for (int i = 0; i < 2; i++) {
        guard_block(b, arms[i], cond, i == 0);
        add_event(b, arms[i], kind, c, at);
        chk_block *bl = &b->g->b[arms[i]];
        if (bl->nev == 0) continue;
        bl->ev[bl->nev - 1].arm_of = arm_of;
        bl->ev[bl->nev - 1].arm = (uint8_t)(i + 1);
    }
}

/* Branches on the condition of `cond_op`, a `?:`, one event per arm (split_on). */
static void split_arms(builder *b, CXCursor cond_op, uint8_t kind, CXCursor c, CXSourceLocation at,
                       int arms[2])
{
    split_on(b, cond_op, children(cond_op).kids[0], kind, c, at, arms);
}

/* An event whose value may be a `?:` or a test stored in an integer: split when it is, else added
 * to the current block. */
static void add_valued_event(builder *b, uint8_t kind, CXCursor c, CXCursor value)
{
    CXCursor q = value_conditional(value), test = value_test(c, value);
    if ((clang_Cursor_isNull(q) && clang_Cursor_isNull(test)) || b->cur < 0) {
        add_event(b, b->cur, kind, c, clang_getNullLocation());
        return;
    }
    int arms[2], after = new_block(b);
    if (!clang_Cursor_isNull(q))
        split_arms(b, q, kind, c, clang_getNullLocation(), arms);
    else
        split_on(b, test, test, kind, c, clang_getNullLocation(), arms);
    add_edge(b, arms[0], after);
    add_edge(b, arms[1], after);
    b->cur = after;
}

static bool is_stmt_kind(enum CXCursorKind k)
{
    return clang_isStatement(k) && k != CXCursor_DeclStmt;
}

/* An expression used as a statement: short-circuits and ?: become branches. */
static void build_expr_stmt(builder *b, CXCursor e, int depth)
{
    if (b->cur < 0) return;
    CXCursor s = strip_parens(e);
    enum CXCursorKind k = clang_getCursorKind(s);
    if (depth < CHK_MAX_DEPTH && k == CXCursor_CStyleCastExpr && children(s).n == 1)
        s = strip_parens(children(s).kids[0]), k = clang_getCursorKind(s);
    if (depth < CHK_MAX_DEPTH && k == CXCursor_ConditionalOperator) {
        kids ch = children(s);
        if (ch.n == 3) {
            int tb = new_block(b), fb = new_block(b), after = new_block(b);
            unsigned sl;
            int8_t sp;
            build_cond(b, ch.kids[0], tb, fb, depth + 1);
            guard_block(b, tb, ch.kids[0], 1);
            guard_block(b, fb, ch.kids[0], 0);
            set_guard(b, ch.kids[0], 1, &sl, &sp);
            b->cur = tb;
            build_expr_stmt(b, ch.kids[1], depth + 1);
            add_edge(b, b->cur, after);
            b->guard_pol = 0;
            b->cur = fb;
            build_expr_stmt(b, ch.kids[2], depth + 1);
            add_edge(b, b->cur, after);
            restore_guard(b, sl, sp);
            b->cur = after;
            return;
        }
    }
    if (depth < CHK_MAX_DEPTH && k == CXCursor_BinaryOperator) {
        enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(s);
        kids ch = children(s);
        if ((op == CXBinaryOperator_LAnd || op == CXBinaryOperator_LOr) && ch.n == 2) {
            int rb = new_block(b), after = new_block(b);
            if (op == CXBinaryOperator_LAnd)
                build_cond(b, ch.kids[0], rb, after, depth + 1);
            else
                build_cond(b, ch.kids[0], after, rb, depth + 1);
            b->cur = rb;
            build_expr_stmt(b, ch.kids[1], depth + 1);
            add_edge(b, b->cur, after);
            b->cur = after;
            return;
        }
        if (op == CXBinaryOperator_Comma && ch.n == 2) {
            build_expr_stmt(b, ch.kids[0], depth + 1);
            build_expr_stmt(b, ch.kids[1], depth + 1);
            return;
        }
    }
    if (depth < CHK_MAX_DEPTH && k == CXCursor_StmtExpr) {
        kids ch = children(s);
        if (ch.n == 1) {
            build_stmt(b, ch.kids[0], depth + 1);
            return;
        }
    }
    if (k == CXCursor_BinaryOperator &&
        clang_getCursorBinaryOperatorKind(s) == CXBinaryOperator_Assign && children(s).n == 2) {
        add_valued_event(b, EV_EXPR, e, children(s).kids[1]);
        return;
    }
    add_event(b, b->cur, EV_EXPR, e, clang_getNullLocation());
    if (k == CXCursor_CallExpr && chk_call_noreturn(b->tu, s)) b->cur = -1;
}

typedef struct {
    CXCursor *list;
    int n, cap;
} cursor_list;

static enum CXChildVisitResult collect_all(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    cursor_list *l = d;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->list = realloc(l->list, (size_t)l->cap * sizeof *l->list);
    }
    l->list[l->n++] = c;
    return CXChildVisit_Continue;
}

static cursor_list all_children(CXCursor c)
{
    cursor_list l = {NULL, 0, 0};
    clang_visitChildren(c, collect_all, &l);
    return l;
}

static CXCursor var_init(CXCursor var)
{
    cursor_list l = all_children(var);
    CXCursor init = clang_getNullCursor();
    for (int i = 0; i < l.n; i++)
        if (clang_isExpression(clang_getCursorKind(l.list[i]))) init = l.list[i];
    free(l.list);
    return init;
}

static void build_decl_stmt(builder *b, CXCursor s)
{
    cursor_list l = all_children(s);
    for (int i = 0; i < l.n; i++) {
        if (clang_getCursorKind(l.list[i]) != CXCursor_VarDecl) continue;
        add_valued_event(b, EV_DECL, l.list[i], var_init(l.list[i]));
        if (var_worth_tracking(l.list[i])) push_var(b, l.list[i]);
    }
    free(l.list);
}

/* The extent of a block ends just past its `}`; scope ends are reported on the brace itself. */
static CXSourceLocation closing_brace(builder *b, CXCursor s)
{
    CXFile f;
    unsigned line, col;
    clang_getExpansionLocation(clang_getRangeEnd(clang_getCursorExtent(s)), &f, &line, &col, NULL);
    if (!f || col < 2) return clang_getRangeEnd(clang_getCursorExtent(s));
    return clang_getLocation(b->tu->tu, f, line, col - 1);
}

static void build_compound(builder *b, CXCursor s, int depth)
{
    int height = b->nvars;
    cursor_list l = all_children(s);
    for (int i = 0; i < l.n; i++)
        build_stmt(b, l.list[i], depth + 1);
    free(l.list);
    leave_to(b, b->cur, height, closing_brace(b, s), LOSE_SCOPE);
    b->nvars = height;
}

static void build_if(builder *b, CXCursor s, int depth)
{
    kids ch = children(s);
    if (ch.n < 2) return;
    /* C has no init-statement in if; a leading declaration would be C++'s. */
    int cond_i = clang_getCursorKind(ch.kids[0]) == CXCursor_DeclStmt && ch.n > 2;
    CXCursor cond = ch.kids[cond_i], then = ch.kids[cond_i + 1];
    bool has_else = ch.n > cond_i + 2;
    int tb = new_block(b), fb = new_block(b), after = has_else ? new_block(b) : fb;
    build_cond(b, cond, tb, fb, 0);
    guard_block(b, tb, cond, 1);
    if (has_else) guard_block(b, fb, cond, 0);
    unsigned sl;
    int8_t sp;
    set_guard(b, cond, 1, &sl, &sp);
    b->cur = tb;
    build_stmt(b, then, depth + 1);
    add_edge(b, b->cur, after);
    if (has_else) {
        b->guard_pol = 0;
        b->cur = fb;
        build_stmt(b, ch.kids[cond_i + 2], depth + 1);
        add_edge(b, b->cur, after);
    }
    restore_guard(b, sl, sp);
    b->cur = after;
}

static void push_loop(builder *b, int brk, int cont)
{
    if (b->nbrk < 64) b->brk[b->nbrk++] = (jump_target){brk, b->nvars};
    if (b->ncont < 64) b->cont[b->ncont++] = (jump_target){cont, b->nvars};
}

static void pop_loop(builder *b)
{
    b->nbrk--;
    b->ncont--;
}

static void build_while(builder *b, CXCursor s, int depth)
{
    kids ch = children(s);
    if (ch.n < 2) return;
    int head = new_block(b), body = new_block(b), after = new_block(b);
    add_edge(b, b->cur, head);
    b->cur = head;
    build_cond(b, ch.kids[ch.n - 2], body, after, 0);
    guard_block(b, body, ch.kids[ch.n - 2], 1);
    unsigned sl;
    int8_t sp;
    set_guard(b, ch.kids[ch.n - 2], 1, &sl, &sp);
    push_loop(b, after, head);
    b->cur = body;
    build_stmt(b, ch.kids[ch.n - 1], depth + 1);
    add_edge(b, b->cur, head);
    pop_loop(b);
    restore_guard(b, sl, sp);
    b->cur = after;
}

static void build_do(builder *b, CXCursor s, int depth)
{
    kids ch = children(s);
    if (ch.n < 2) return;
    int body = new_block(b), condb = new_block(b), after = new_block(b);
    add_edge(b, b->cur, body);
    push_loop(b, after, condb);
    b->cur = body;
    build_stmt(b, ch.kids[0], depth + 1);
    add_edge(b, b->cur, condb);
    pop_loop(b);
    b->cur = condb;
    build_cond(b, ch.kids[1], body, after, 0);
    b->cur = after;
}

/* The offsets of the two semicolons of a for header, read from the statement's own tokens: from
 * `for (` to the parenthesis that closes it, so a body (or a header) written with macros does not
 * disturb the count. False when the header is not spelled out here (it comes from a macro). */
static bool for_header_semis(builder *b, CXCursor s, unsigned semi[2])
{
    CXToken *toks = NULL;
    unsigned ntok = 0, nsemi = 0;
    clang_tokenize(b->tu->tu, clang_getCursorExtent(s), &toks, &ntok);
    int paren = 0;
    bool is_for = false;
    for (unsigned i = 0; i < ntok && nsemi < 2; i++) {
        CXString sp = clang_getTokenSpelling(b->tu->tu, toks[i]);
        const char *t = clang_getCString(sp);
        bool stop = false;
        if (i == 0) is_for = clang_getTokenKind(toks[i]) == CXToken_Keyword && !strcmp(t, "for");
        if (!is_for)
            stop = true;
        else if (!strcmp(t, "("))
            paren++;
        else if (!strcmp(t, ")"))
            stop = --paren <= 0;
        else if (!strcmp(t, ";") && paren == 1)
            clang_getExpansionLocation(clang_getTokenLocation(b->tu->tu, toks[i]), NULL, NULL, NULL,
                                       &semi[nsemi++]);
        clang_disposeString(sp);
        if (stop) break;
    }
    clang_disposeTokens(b->tu->tu, toks, ntok);
    return nsemi == 2;
}

/* libclang leaves out the missing parts of `for (init; cond; inc)`. With all three present the
 * children say which is which; otherwise each is placed by where it starts relative to the two
 * semicolons of the header. */
static void build_for(builder *b, CXCursor s, int depth)
{
    cursor_list l = all_children(s);
    if (l.n < 1) {
        free(l.list);
        return;
    }
    CXCursor body = l.list[l.n - 1];
    CXCursor init = clang_getNullCursor(), cond = clang_getNullCursor(),
             inc = clang_getNullCursor();
    if (l.n == 4) {
        init = l.list[0];
        cond = l.list[1];
        inc = l.list[2];
    } else if (l.n > 1) {
        unsigned semi[2] = {0, 0};
        if (!for_header_semis(b, s, semi)) {
            give_up(b, s, "a for statement whose header could not be read");
            free(l.list);
            return;
        }
        for (int i = 0; i < l.n - 1; i++) {
            unsigned off;
            CXSourceLocation st = clang_getRangeStart(clang_getCursorExtent(l.list[i]));
            clang_getExpansionLocation(st, NULL, NULL, NULL, &off);
            if (off < semi[0])
                init = l.list[i];
            else if (off < semi[1])
                cond = l.list[i];
            else
                inc = l.list[i];
        }
    }
    free(l.list);
    int height = b->nvars;
    if (!clang_Cursor_isNull(init)) build_stmt(b, init, depth + 1);
    int head = new_block(b), bodyb = new_block(b), incb = new_block(b), after = new_block(b);
    add_edge(b, b->cur, head);
    b->cur = head;
    unsigned sl = b->guard_line;
    int8_t sp = b->guard_pol;
    if (!clang_Cursor_isNull(cond)) {
        build_cond(b, cond, bodyb, after, 0);
        guard_block(b, bodyb, cond, 1);
        set_guard(b, cond, 1, &sl, &sp);
    } else {
        add_edge(b, head, bodyb);
    }
    push_loop(b, after, incb);
    b->cur = bodyb;
    build_stmt(b, body, depth + 1);
    add_edge(b, b->cur, incb);
    pop_loop(b);
    b->cur = incb;
    if (!clang_Cursor_isNull(inc)) build_expr_stmt(b, inc, depth + 1);
    add_edge(b, b->cur, head);
    restore_guard(b, sl, sp);
    b->cur = after;
    leave_to(b, b->cur, height, clang_getRangeEnd(clang_getCursorExtent(s)), LOSE_SCOPE);
    b->nvars = height;
}

static void build_switch(builder *b, CXCursor s, int depth)
{
    kids ch = children(s);
    if (ch.n < 2 || b->nsw >= 32) {
        give_up(b, s, "a switch nested too deeply");
        return;
    }
    add_event(b, b->cur, EV_EXPR, ch.kids[ch.n - 2], clang_getNullLocation());
    int dispatch = b->cur, after = new_block(b);
    if (dispatch >= 0) {
        b->g->b[dispatch].dispatch = true;
        b->g->b[dispatch].subject = chk_strip(ch.kids[ch.n - 2]);
    }
    b->sw_dispatch[b->nsw] = dispatch;
    b->sw_default[b->nsw] = 0;
    b->nsw++;
    if (b->nbrk < 64) b->brk[b->nbrk++] = (jump_target){after, b->nvars};
    b->cur = -1;
    build_stmt(b, ch.kids[ch.n - 1], depth + 1);
    add_edge(b, b->cur, after);
    b->nbrk--;
    b->nsw--;
    if (!b->sw_default[b->nsw]) add_edge(b, dispatch, after);
    b->cur = after;
}

static void build_case(builder *b, CXCursor s, int depth)
{
    if (b->nsw == 0) return;
    int nb = new_block(b);
    add_edge(b, b->cur, nb);
    add_edge(b, b->sw_dispatch[b->nsw - 1], nb);
    if (clang_getCursorKind(s) == CXCursor_DefaultStmt) b->sw_default[b->nsw - 1] = 1;
    b->cur = nb;
    kids ch = children(s);
    if (clang_getCursorKind(s) == CXCursor_CaseStmt && ch.n == 2) {
        CXEvalResult r = clang_Cursor_Evaluate(ch.kids[0]);
        if (r && clang_EvalResult_getKind(r) == CXEval_Int) {
            b->g->b[nb].is_case = true;
            b->g->b[nb].case_val = clang_EvalResult_getAsLongLong(r);
        }
        if (r) clang_EvalResult_dispose(r);
    }
    if (ch.n > 0) build_stmt(b, ch.kids[ch.n - 1], depth + 1);
}

static void jump(builder *b, jump_target *t, int n, CXCursor s)
{
    if (n == 0 || b->cur < 0) {
        b->cur = -1;
        return;
    }
    leave_to(b, b->cur, t[n - 1].height, clang_getCursorLocation(s), LOSE_SCOPE);
    add_edge(b, b->cur, t[n - 1].target);
    b->cur = -1;
}

static void finish_return(builder *b, int block, CXCursor s, CXSourceLocation at)
{
    leave_to(b, block, 0, at, LOSE_RETURN);
    add_event(b, block, EV_PARAMS_END, s, at);
    add_edge(b, block, b->g->exit);
}

static void build_return(builder *b, CXCursor s)
{
    if (b->cur < 0) return;
    CXSourceLocation at = clang_getCursorLocation(s);
    kids ch = children(s);
    CXCursor q = value_conditional(ch.n == 1 ? ch.kids[0] : clang_getNullCursor());
    if (!clang_Cursor_isNull(q)) {
        int arms[2];
        split_arms(b, q, EV_RETURN, s, at, arms);
        finish_return(b, arms[0], s, at);
        finish_return(b, arms[1], s, at);
    } else {
        add_event(b, b->cur, EV_RETURN, s, at);
        finish_return(b, b->cur, s, at);
    }
    b->cur = -1;
}

static void add_label(label_rec **arr, int *n, int *cap, label_rec r)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *arr = realloc(*arr, (size_t)*cap * sizeof **arr);
    }
    (*arr)[(*n)++] = r;
}

static void build_label(builder *b, CXCursor s, int depth)
{
    /* A label is reached by gotos from anywhere: no branch tells how the code after it was
     * reached, and a note naming the last one (tmux's `done:`, after an `if` whose body jumps
     * there) would point at the wrong side of it. */
    b->guard_line = 0;
    b->guard_pol = -1;
    unsigned line = chk_cursor_line(s);
    if (!b->g->first_label_line || line < b->g->first_label_line) b->g->first_label_line = line;
    int nb = new_block(b);
    add_edge(b, b->cur, nb);
    b->cur = nb;
    add_label(&b->labels, &b->nlabels, &b->caplabels,
              (label_rec){.label = s, .block = nb, .height = b->nvars, .vars = NULL});
    kids ch = children(s);
    if (ch.n > 0) build_stmt(b, ch.kids[ch.n - 1], depth + 1);
}

static void build_goto(builder *b, CXCursor s)
{
    if (b->cur < 0) return;
    kids ch = children(s);
    CXCursor label = ch.n ? clang_getCursorReferenced(ch.kids[0]) : clang_getNullCursor();
    CXCursor *snap = malloc(((size_t)b->nvars + 1) * sizeof *snap);
    if (b->nvars) memcpy(snap, b->vars, (size_t)b->nvars * sizeof *snap); /* vars may be NULL */
    add_label(&b->gotos, &b->ngotos, &b->capgotos,
              (label_rec){.label = label, .block = b->cur, .height = b->nvars, .vars = snap});
    b->cur = -1;
}

static enum CXChildVisitResult find_taken_label(CXCursor c, CXCursor parent, CXClientData d)
{
    (void)parent;
    builder *b = d;
    if (clang_getCursorKind(c) != CXCursor_AddrLabelExpr) return CXChildVisit_Recurse;
    kids ch = children(c);
    CXCursor label = ch.n ? clang_getCursorReferenced(ch.kids[0]) : clang_getNullCursor();
    bool known = clang_Cursor_isNull(label);
    for (int i = 0; i < b->ntaken && !known; i++)
        known = chk_same_node(b->taken[i].label, label);
    if (!known) add_label(&b->taken, &b->ntaken, &b->captaken, (label_rec){.label = label});
    return CXChildVisit_Continue;
}

/* `goto *target;` (an interpreter's dispatch): the target is evaluated, then the path goes to a
 * block from which every label whose address the function takes (`&&op_add`) is reached
 * (resolve_gotos). One block for all of them: with N such gotos and M labels, N + M edges, not
 * N * M (Lua's interpreter has 80 of each). */
static void build_computed_goto(builder *b, CXCursor s)
{
    if (b->cur < 0) return;
    kids ch = children(s);
    if (ch.n) add_event(b, b->cur, EV_EXPR, ch.kids[ch.n - 1], clang_getNullLocation());
    CXCursor *snap = malloc(((size_t)b->nvars + 1) * sizeof *snap);
    if (b->nvars) memcpy(snap, b->vars, (size_t)b->nvars * sizeof *snap);
    add_label(&b->computed, &b->ncomputed, &b->capcomputed,
              (label_rec){.label = s, .block = b->cur, .height = b->nvars, .vars = snap});
    b->cur = -1;
}

/* The label record of `label`, or NULL. */
static const label_rec *label_named(const builder *b, CXCursor label)
{
    for (int j = 0; j < b->nlabels; j++)
        if (chk_same_node(b->labels[j].label, label)) return &b->labels[j];
    return NULL;
}

/* The computed gotos go to one dispatch block, leaving the scopes no taken label is in; it goes
 * to every taken label. */
static void resolve_computed_gotos(builder *b)
{
    if (!b->ncomputed) return;
    clang_visitChildren(b->body, find_taken_label, b);
    if (!b->ntaken) {
        give_up(b, b->computed[0].label, "a computed goto, and no label whose address is taken");
        return;
    }
    /* Every state of the dispatch reaches every label: an interpreter of many opcodes (Lua's 83)
     * costs more than ten times the parse of its file, for paths no branch tells apart. */
    if (b->ntaken > CHK_MAX_DISPATCH) {
        give_up(b, b->computed[0].label, "a computed goto to too many labels");
        return;
    }
    int lowest = INT_MAX;
    for (int i = 0; i < b->ntaken; i++) {
        const label_rec *l = label_named(b, b->taken[i].label);
        if (!l) {
            give_up(b, b->taken[i].label, "a label whose address is taken was not found");
            return;
        }
        if (l->height < lowest) lowest = l->height;
    }
    int dispatch = new_block(b);
    if (b->g->gave_up) return;
    for (int i = 0; i < b->ncomputed; i++) {
        label_rec *g = &b->computed[i];
        for (int v = g->height - 1; v >= lowest; v--)
            add_event(b, g->block, EV_SCOPE_END, g->vars[v], clang_getCursorLocation(g->label));
        add_edge(b, g->block, dispatch);
    }
    for (int i = 0; i < b->ntaken; i++)
        add_edge(b, dispatch, label_named(b, b->taken[i].label)->block);
}

/* A goto leaves the scopes the label is not in; labels are usually at function level. */
static void resolve_gotos(builder *b)
{
    for (int i = 0; i < b->ngotos; i++) {
        label_rec *g = &b->gotos[i];
        int target = -1, height = 0;
        for (int j = 0; j < b->nlabels; j++)
            if (chk_same_node(b->labels[j].label, g->label)) {
                target = b->labels[j].block;
                height = b->labels[j].height;
            }
        if (target < 0) {
            give_up(b, g->label, "a goto to a label that was not found");
            continue;
        }
        if (height <= g->height) {
            for (int v = g->height - 1; v >= height; v--)
                add_event(b, g->block, EV_SCOPE_END, g->vars[v], clang_getCursorLocation(g->label));
        }
        add_edge(b, g->block, target);
        free(g->vars);
    }
}

static void build_stmt(builder *b, CXCursor s, int depth);

/* libclang shows a statement with attributes (`__attribute__((fallthrough));`, `[[likely]]`,
 * `__attribute__((musttail)) return f();`) as an unexposed statement over the plain one: the
 * attributes change nothing the checker follows. Returns false when `s` is not such a wrapper. */
static bool build_attributed(builder *b, CXCursor s, int depth)
{
    CXCursor kid[4];
    int n = chk_children(s, kid, 4), statements = 0;
    CXCursor inner = clang_getNullCursor();
    for (int i = 0; i < n && i < 4; i++) {
        enum CXCursorKind k = clang_getCursorKind(kid[i]);
        if (clang_isAttribute(k)) continue;
        if (!clang_isStatement(k) && !clang_isExpression(k)) return false;
        inner = kid[i];
        statements++;
    }
    if (n > 4 || statements != 1) return false;
    build_stmt(b, inner, depth + 1);
    return true;
}

static void build_stmt(builder *b, CXCursor s, int depth)
{
    if (depth > CHK_MAX_DEPTH) {
        give_up(b, s, "statements nested too deeply");
        return;
    }
    enum CXCursorKind k = clang_getCursorKind(s);
    switch (k) {
    case CXCursor_CompoundStmt:
        build_compound(b, s, depth);
        return;
    case CXCursor_DeclStmt:
        build_decl_stmt(b, s);
        return;
    case CXCursor_IfStmt:
        build_if(b, s, depth);
        return;
    case CXCursor_WhileStmt:
        build_while(b, s, depth);
        return;
    case CXCursor_DoStmt:
        build_do(b, s, depth);
        return;
    case CXCursor_ForStmt:
        build_for(b, s, depth);
        return;
    case CXCursor_SwitchStmt:
        build_switch(b, s, depth);
        return;
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt:
        build_case(b, s, depth);
        return;
    case CXCursor_BreakStmt:
        jump(b, b->brk, b->nbrk, s);
        return;
    case CXCursor_ContinueStmt:
        jump(b, b->cont, b->ncont, s);
        return;
    case CXCursor_ReturnStmt:
        build_return(b, s);
        return;
    case CXCursor_LabelStmt:
        build_label(b, s, depth);
        return;
    case CXCursor_GotoStmt:
        build_goto(b, s);
        return;
    case CXCursor_IndirectGotoStmt:
        build_computed_goto(b, s);
        return;
    case CXCursor_NullStmt:
    case CXCursor_GCCAsmStmt:
    case CXCursor_MSAsmStmt:
        return;
    case CXCursor_UnexposedStmt:
        if (build_attributed(b, s, depth)) return;
        break;
    default:
        break;
    }
    if (clang_isExpression(k)) {
        build_expr_stmt(b, s, depth);
        return;
    }
    if (is_stmt_kind(k)) give_up(b, s, "a statement the checker does not model");
}

int chk_cfg_build(chk_cfg *g, CXCursor fn, chk_tu *tu)
{
    memset(g, 0, sizeof *g);
    builder b = {.g = g, .tu = tu, .guard_pol = -1};
    g->entry = new_block(&b);
    g->exit = new_block(&b);
    b.cur = g->entry;
    CXCursor body = clang_getNullCursor();
    cursor_list l = all_children(fn);
    for (int i = 0; i < l.n; i++)
        if (clang_getCursorKind(l.list[i]) == CXCursor_CompoundStmt) body = l.list[i];
    free(l.list);
    if (clang_Cursor_isNull(body)) return -1;
    b.body = body;
    build_stmt(&b, body, 0);
    if (b.cur >= 0) {
        CXSourceLocation end = closing_brace(&b, body);
        add_event(&b, b.cur, EV_PARAMS_END, body, end);
        add_edge(&b, b.cur, g->exit);
    }
    resolve_gotos(&b);
    resolve_computed_gotos(&b);
    for (int i = 0; i < b.ncomputed; i++)
        free(b.computed[i].vars);
    free(b.computed);
    free(b.vars);
    free(b.labels);
    free(b.gotos);
    free(b.taken);
    return g->gave_up ? -1 : 0;
}

void chk_cfg_free(chk_cfg *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->b[i].ev);
        free(g->b[i].succ);
    }
    free(g->b);
    memset(g, 0, sizeof *g);
}

/* ------------------------------------------------------------------ loops */
/* Blocks on a cycle: those in a strongly connected component of more than one block, or with an
 * edge to themselves. Tarjan's algorithm, iterative, so deep graphs need no deep C stack. */
bool *chk_cfg_loop_blocks(const chk_cfg *g)
{
    int n = g->n;
    bool *loop = calloc((size_t)n + 1, sizeof *loop);
    int *index = malloc(((size_t)n + 1) * sizeof *index),
        *low = malloc(((size_t)n + 1) * sizeof *low);
    int *stack = malloc(((size_t)n + 1) * sizeof *stack),
        *work = malloc(((size_t)n + 1) * 2 * sizeof *work);
    bool *on = calloc((size_t)n + 1, sizeof *on);
    for (int i = 0; i < n; i++)
        index[i] = -1;
    int counter = 0, sp = 0;
    for (int root = 0; root < n; root++) {
        if (index[root] >= 0) continue;
        int wp = 0;
        work[wp++] = root;
        work[wp++] = 0;
        index[root] = low[root] = counter++;
        stack[sp++] = root;
        on[root] = true;
        while (wp > 0) {
            int v = work[wp - 2], *next = &work[wp - 1];
            const chk_block *b = &g->b[v];
            if (*next < b->nsucc) {
                int w = b->succ[(*next)++];
                if (w < 0 || w >= n) continue;
                if (w == v) loop[v] = true;
                if (index[w] < 0) {
                    index[w] = low[w] = counter++;
                    stack[sp++] = w;
                    on[w] = true;
                    work[wp++] = w;
                    work[wp++] = 0;
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            wp -= 2;
            if (wp > 0 && low[v] < low[work[wp - 2]]) low[work[wp - 2]] = low[v];
            if (low[v] == index[v]) {
                int size = 0, first = sp;
                do {
                    first--;
                    size++;
                } while (stack[first] != v);
                for (int i = first; i < sp; i++) {
                    on[stack[i]] = false;
                    if (size > 1) loop[stack[i]] = true;
                }
                sp = first;
            }
        }
    }
    free(index);
    free(low);
    free(stack);
    free(work);
    free(on);
    return loop;
}
