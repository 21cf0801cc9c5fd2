// sqlite's sqlite3Prepare: the parse context on the stack is published in the connection
// (`db->pParse = &sParse`) and withdrawn by the helper it is handed to at the end, which sets
// `db->pParse` back to the outer context through `sParse.db`.
struct db;

struct parse {
    struct parse *outer;
    struct db *db;
    int errors;
};

struct db {
    struct parse *parse;
};

void parse_reset(struct parse *p)
{
    p->db->parse = p->outer;
    p->db = 0;
}

int prepare(struct db *db)
{
    struct parse sp;
    sp.outer = db->parse;
    db->parse = &sp;
    sp.db = db;
    sp.errors = 0;
    parse_reset(&sp);
    return sp.errors;
}
