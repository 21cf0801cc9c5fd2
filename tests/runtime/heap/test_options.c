/* test_options.c: OWN_OPTIONS parsing — every key, sizes with suffixes, and bad input rejected
 * with the offending setting named. */
#include <string.h>

#include "core/core.h"
#include "own_test.h"

int main(void)
{
    own_options o;
    char bad[64];
    CHECK(own__options_parse(&o, NULL, bad, sizeof bad));
    CHECK_EQ_INT(o.on_error, OWN_ON_ERROR_ABORT);
    CHECK_EQ_INT(o.exitcode, 23);
    CHECK(o.leaks && !o.stats);
    CHECK(own__options_parse(&o, "on_error=log:stats=1:leaks=0:exitcode=7:stack_size=64k:log_path=/tmp/x",
                             bad, sizeof bad));
    CHECK_EQ_INT(o.on_error, OWN_ON_ERROR_LOG);
    CHECK(o.stats && !o.leaks);
    CHECK_EQ_INT(o.exitcode, 7);
    CHECK_EQ_INT(o.stack_size, 64 * 1024);
    CHECK(!strcmp(o.log_path, "/tmp/x"));
    CHECK(own__options_parse(&o, "on_error=continue:stack_size=2M", bad, sizeof bad));
    CHECK_EQ_INT(o.on_error, OWN_ON_ERROR_CONTINUE);
    CHECK_EQ_INT(o.stack_size, 2 << 20);
    CHECK(own__options_parse(&o, "::stats=yes:", bad, sizeof bad)); /* empty settings are fine */
    CHECK(o.stats);
    CHECK(!own__options_parse(&o, "on_error=explode", bad, sizeof bad));
    CHECK(!strcmp(bad, "on_error=explode"));
    CHECK(!own__options_parse(&o, "stats=1:colour=blue", bad, sizeof bad));
    CHECK(!strcmp(bad, "colour=blue"));
    /* a bad setting is skipped alone: `own run`'s own settings before it, and the user's after
     * it, still apply; the first bad one is named */
    CHECK(!own__options_parse(&o, "on_error=log:checked=1:bogus=1:leaks=0:exitcode=999:stats=1",
                              bad, sizeof bad));
    CHECK(!strcmp(bad, "bogus=1"));
    CHECK_EQ_INT(o.on_error, OWN_ON_ERROR_LOG);
    CHECK(o.checked && !o.leaks && o.stats);
    CHECK_EQ_INT(o.exitcode, 23);
    CHECK(!own__options_parse(&o, "exitcode=300", bad, sizeof bad));
    CHECK(!own__options_parse(&o, "stack_size=12q", bad, sizeof bad));
    CHECK(!own__options_parse(&o, "stats", bad, sizeof bad));
    return TEST_DONE();
}
