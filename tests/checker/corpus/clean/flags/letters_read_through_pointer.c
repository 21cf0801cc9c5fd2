// tmux's args_parse reads the letters of "-abc" with `flag = *string++`. A letter whose argument
// is the next word must be the last one: its block waits in `pending`, and the next turn reads
// the string's end and leaves the loop. So the returns of a later turn never see `pending` set.
#include <stdlib.h>
#include <string.h>

struct value {
    char *string;
};

void set_flag(int flag, struct value *v);

int parse(const char *string, const char *template)
{
    struct value *pending = NULL;
    int pending_flag = 0;
    if (*string++ != '-' || *string == '\0') return -1;
    for (;;) {
        int flag = *string++;
        if (flag == '\0') break;
        const char *found = strchr(template, flag);
        if (found == NULL) return -1;
        if (found[1] != ':') {
            set_flag(flag, NULL);
            continue;
        }
        struct value *v = calloc(1, sizeof *v);
        if (v == NULL) return -1;
        if (*string != '\0') {
            v->string = strdup(string);
            set_flag(flag, v);
            return 0;
        }
        pending = v;
        pending_flag = flag;
    }
    if (pending) set_flag(pending_flag, pending);
    return 0;
}
