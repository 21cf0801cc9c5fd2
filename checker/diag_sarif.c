/* diag_sarif.c: --format=sarif, SARIF 2.1.0 for code-scanning services. Built with jansson rather
 * than by hand because SARIF is deeply nested JSON whose strings (messages, paths) need correct
 * escaping, and a JSON library makes the output valid by construction. */
#include <jansson.h>
#include <stdlib.h>

#include "diag.h"

static json_t *location(chk_loc at, const char *message)
{
    json_t *region = json_pack("{s:i, s:i}", "startLine", (json_int_t)(at.line ? at.line : 1),
                               "startColumn", (json_int_t)(at.col ? at.col : 1));
    if (at.len > 1) json_object_set_new(region, "endColumn", json_integer(at.col + at.len));
    json_t *loc = json_pack("{s:{s:{s:s}, s:o}}", "physicalLocation", "artifactLocation", "uri",
                            at.file && at.file[0] ? at.file : "unknown", "region", region);
    if (message) json_object_set_new(loc, "message", json_pack("{s:s}", "text", message));
    return loc;
}

static json_t *notification(const char *level, const char *text, chk_loc at)
{
    json_t *n = json_pack("{s:s, s:{s:s}}", "level", level, "message", "text", text);
    json_object_set_new(n, "locations", json_pack("[o]", location(at, NULL)));
    return n;
}

/* The run's invocation: whether every file could be analysed, the compiler's messages for those
 * that could not be parsed (level error) and the constructs skipped with a remark (level note), so
 * that a code-scanning service does not take a file it never saw as clean. */
static json_t *invocation(const chk_report *reports, int nreports)
{
    json_t *notes = json_array();
    bool ok = true;
    for (int r = 0; r < nreports; r++) {
        const chk_report *rep = &reports[r];
        chk_loc file = {rep->main_file, 1, 1, 1};
        if (rep->unparsable) {
            ok = false;
            const char *why = rep->compiler_errors && rep->compiler_errors[0]
                                  ? rep->compiler_errors
                                  : "the file cannot be parsed";
            json_array_append_new(notes, notification("error", why, file));
        }
        for (int i = 0; i < rep->nremarks; i++)
            json_array_append_new(notes,
                                  notification("note", rep->remarks[i].text, rep->remarks[i].at));
    }
    json_t *inv = json_pack("{s:b}", "executionSuccessful", ok);
    if (json_array_size(notes))
        json_object_set_new(inv, "toolExecutionNotifications", notes);
    else
        json_decref(notes);
    return inv;
}

int chk_print_sarif(FILE *out, const chk_report *reports, int nreports)
{
    json_t *rules = json_array();
    for (int k = 0; k < CHK_KIND_COUNT; k++) {
        char id[64];
        snprintf(id, sizeof id, "own::%s", chk_kind_name((chk_kind)k));
        json_array_append_new(rules, json_pack("{s:s, s:s, s:{s:s}, s:{s:s}}", "id", id, "name",
                                               chk_kind_name((chk_kind)k), "shortDescription",
                                               "text", chk_kind_summary((chk_kind)k),
                                               "defaultConfiguration", "level", "error"));
    }
    json_t *results = json_array();
    for (int r = 0; r < nreports; r++)
        for (int i = 0; i < reports[r].nfindings; i++) {
            const chk_finding *f = &reports[r].findings[i];
            char id[64], text[400];
            snprintf(id, sizeof id, "own::%s", chk_kind_name(f->kind));
            snprintf(text, sizeof text, "%s%s%s", f->message, f->path[0] ? " " : "", f->path);
            json_t *related = json_array();
            for (int n = 0; n < f->nnotes; n++) {
                json_t *l = location(f->notes[n].at, f->notes[n].label);
                json_object_set_new(l, "id", json_integer(n));
                json_array_append_new(related, l);
            }
            json_t *res = json_pack("{s:s, s:i, s:s, s:{s:s}, s:[o]}", "ruleId", id, "ruleIndex",
                                    (json_int_t)f->kind, "level", "error", "message", "text", text,
                                    "locations", location(f->at, NULL));
            if (json_array_size(related))
                json_object_set_new(res, "relatedLocations", related);
            else
                json_decref(related);
            json_array_append_new(results, res);
        }
    json_t *root = json_pack("{s:s, s:s, s:[{s:{s:{s:s, s:s, s:s, s:o}}, s:[o], s:o}]}", "$schema",
                             "https://json.schemastore.org/sarif-2.1.0.json", "version", "2.1.0",
                             "runs", "tool", "driver", "name", "own check", "version", "0.1.0",
                             "informationUri", "https://github.com/own/own", "rules", rules,
                             "invocations", invocation(reports, nreports), "results", results);
    if (!root) return -1;
    int rc = json_dumpf(root, out, JSON_INDENT(2));
    fputc('\n', out);
    json_decref(root);
    return rc == 0 ? 0 : -1;
}
