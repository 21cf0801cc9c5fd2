// The context is published in the connection and only cleared, not withdrawn: memset is handed
// its address, but the C library does not reach `db->parse` through it.
#include <string.h>

struct db;

struct parse {
    struct db *db;
    int errors;
};

struct db {
    struct parse *parse;
};

int prepare(struct db *db)
{
    struct parse sp;
    db->parse = &sp; // expect: dangling-stack
    sp.db = db;
    memset(&sp, 0, sizeof sp);
    return 0;
}
