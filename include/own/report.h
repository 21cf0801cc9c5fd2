/* own/report.h: how libown tells the program about an ownership or heap error.
 * Every report has the format of DESIGN.md ("error[KIND]: ..."), then the policy runs:
 * abort (default), log and continue, or the program's handler. */
#ifndef OWN_REPORT_H
#define OWN_REPORT_H

#include <own/heap.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One error, as handed to a handler. `kind` is one of DESIGN.md's kinds ("double-free", ...);
 * `text` is the whole report as printed, several lines, NUL-terminated. Both live until the
 * handler returns. */
typedef struct own_error {
    const char *kind;
    const char *text;
} own_error;

typedef void (*own_error_handler)(const own_error *error);

/* Installs a handler called for every error instead of the OWN_OPTIONS on_error policy; the
 * handler may return (the program goes on) or end the program. NULL restores the policy.
 * Returns the previous handler. */
OWN_API own_error_handler own_on_error(own_error_handler handler);

/* Number of errors reported so far in this process. */
OWN_API unsigned long own_error_count(void);

#ifdef __cplusplus
}
#endif
#endif
