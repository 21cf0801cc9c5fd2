/* options.c: OWN_OPTIONS, read once from the environment without allocating (the heap reads
 * it while it starts, possibly from inside the dynamic loader). */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <own/stack.h>

#include "core.h"

static own_options options_value;
static atomic_int options_state; /* 0 unread, 1 being read, 2 ready */

static void set_defaults(own_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->on_error = OWN_ON_ERROR_ABORT;
    opts->exitcode = 23;
    opts->leaks = true;
    opts->debug_cache = true;
    opts->stats = false;
    opts->stack_size = 8u << 20;
    opts->quarantine_size = 64u << 20;
}

static bool parse_size(const char *s, size_t n, size_t *out)
{
    size_t value = 0, i = 0;
    if (n == 0) return false;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (value > (SIZE_MAX - 9) / 10) return false;
        value = value * 10 + (size_t)(s[i] - '0');
    }
    if (i < n) {
        unsigned shift = 0;
        switch (s[i]) {
        case 'k':
        case 'K':
            shift = 10;
            break;
        case 'm':
        case 'M':
            shift = 20;
            break;
        case 'g':
        case 'G':
            shift = 30;
            break;
        default:
            return false;
        }
        if (i + 1 != n || value > (SIZE_MAX >> shift)) return false;
        value <<= shift;
    }
    *out = value;
    return true;
}

static bool is(const char *s, size_t n, const char *word)
{
    return strlen(word) == n && !memcmp(s, word, n);
}

static bool parse_bool(const char *s, size_t n, bool *out)
{
    if (is(s, n, "1") || is(s, n, "true") || is(s, n, "yes")) return *out = true, true;
    if (is(s, n, "0") || is(s, n, "false") || is(s, n, "no")) return *out = false, true;
    return false;
}

static bool apply(own_options *opts, const char *key, size_t key_len, const char *val,
                  size_t val_len)
{
    size_t size;
    if (is(key, key_len, "on_error")) {
        if (is(val, val_len, "abort"))
            opts->on_error = OWN_ON_ERROR_ABORT;
        else if (is(val, val_len, "log"))
            opts->on_error = OWN_ON_ERROR_LOG;
        else if (is(val, val_len, "continue"))
            opts->on_error = OWN_ON_ERROR_CONTINUE;
        else
            return false;
        return true;
    }
    if (is(key, key_len, "leaks")) return parse_bool(val, val_len, &opts->leaks);
    if (is(key, key_len, "stats")) return parse_bool(val, val_len, &opts->stats);
    if (is(key, key_len, "check_shared")) return parse_bool(val, val_len, &opts->check_shared);
    if (is(key, key_len, "backtrace")) return parse_bool(val, val_len, &opts->backtrace);
    if (is(key, key_len, "checked")) return parse_bool(val, val_len, &opts->checked);
    if (is(key, key_len, "debug_cache")) return parse_bool(val, val_len, &opts->debug_cache);
    if (is(key, key_len, "quarantine_size"))
        return parse_size(val, val_len, &opts->quarantine_size);
    if (is(key, key_len, "exitcode")) {
        if (!parse_size(val, val_len, &size) || size > 255) return false;
        opts->exitcode = (int)size;
        return true;
    }
    if (is(key, key_len, "stack_size")) {
        if (!parse_size(val, val_len, &size) || size < 4096 || size > OWN__STACK_CAPACITY_MAX)
            return false;
        opts->stack_size = size;
        return true;
    }
    if (is(key, key_len, "log_path")) {
        if (val_len == 0 || val_len >= sizeof opts->log_path) return false;
        memcpy(opts->log_path, val, val_len);
        opts->log_path[val_len] = 0;
        return true;
    }
    return false;
}

bool own__options_parse(own_options *opts, const char *text, char *error, size_t error_size)
{
    set_defaults(opts);
    bool all_good = true;
    for (const char *p = text; p && *p;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        const char *eq = memchr(p, '=', len);
        /* A bad setting is skipped alone: the others still apply (`own run`'s checked=1 among
         * them, which a typo in the user's part must not turn off). */
        if (len && (!eq || !apply(opts, p, (size_t)(eq - p), eq + 1, len - (size_t)(eq - p) - 1))) {
            if (all_good && error && error_size) snprintf(error, error_size, "%.*s", (int)len, p);
            all_good = false;
        }
        p += len + (end ? 1 : 0);
    }
    return all_good;
}

const own_options *own__options(void)
{
    if (own_likely(atomic_load_explicit(&options_state, memory_order_acquire) == 2))
        return &options_value;
    int expected = 0;
    if (atomic_compare_exchange_strong(&options_state, &expected, 1)) {
        char bad[128];
        if (!own__options_parse(&options_value, getenv("OWN_OPTIONS"), bad, sizeof bad))
            /* The user's to fix; the program still runs, with the good settings. */
            fprintf(stderr, "own: OWN_OPTIONS: ignoring the bad setting '%s' (%s)\n", bad,
                    OWN_OPTIONS_KEYS);
        atomic_store_explicit(&options_state, 2, memory_order_release);
    } else {
        while (atomic_load_explicit(&options_state, memory_order_acquire) != 2) {
        }
    }
    return &options_value;
}
