// kmod's depmod frees its configuration's lists one after another. Once a list is empty, what its
// head's `next` held is past; it must not keep the paths of the next loop apart (it used to, and
// with four lists the states ran out and the last loop looked like it freed a node twice).
#include <stdlib.h>

struct node {
    struct node *next;
    char *text;
};

struct config {
    struct node *overrides, *searches, *externals, *excludes;
};

static void node_free(struct node *n)
{
    free(n->text);
    free(n);
}

void config_free(struct config *cfg)
{
    while (cfg->overrides) {
        struct node *tmp = cfg->overrides;
        cfg->overrides = cfg->overrides->next;
        node_free(tmp);
    }
    while (cfg->searches) {
        struct node *tmp = cfg->searches;
        cfg->searches = cfg->searches->next;
        node_free(tmp);
    }
    while (cfg->externals) {
        struct node *tmp = cfg->externals;
        cfg->externals = cfg->externals->next;
        node_free(tmp);
    }
    while (cfg->excludes) {
        struct node *tmp = cfg->excludes;
        cfg->excludes = cfg->excludes->next;
        node_free(tmp);
    }
}
