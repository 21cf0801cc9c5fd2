// A binary tree freed in post order.
#include <stdlib.h>

struct tree {
    struct tree *left, *right;
    int key;
};

void tree_free(struct tree *t)
{
    if (t == NULL) return;
    tree_free(t->left);
    tree_free(t->right);
    free(t);
}
