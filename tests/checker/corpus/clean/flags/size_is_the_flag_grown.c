// gnulib's localcharset.c: a size that says whether the buffer exists, grown with `+=` by lengths
// plus constants, so never 0 again once set; a failed allocation sets it back to 0 and leaves.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *aliases(FILE *fp)
{
    char *res_ptr = NULL;
    size_t res_size = 0;
    for (;;) {
        int c;
        char buf1[50 + 1];
        char buf2[50 + 1];
        size_t l1, l2;
        char *old_res_ptr;
        c = getc(fp);
        if (c == EOF) break;
        if (c == '\n' || c == ' ' || c == '\t') continue;
        ungetc(c, fp);
        if (fscanf(fp, "%50s %50s", buf1, buf2) < 2) break;
        l1 = strlen(buf1);
        l2 = strlen(buf2);
        old_res_ptr = res_ptr;
        if (res_size == 0) {
            res_size = l1 + 1 + l2 + 1;
            res_ptr = (char *)malloc(res_size + 1);
        } else {
            res_size += l1 + 1 + l2 + 1;
            res_ptr = (char *)realloc(res_ptr, res_size + 1);
        }
        if (res_ptr == NULL) {
            res_size = 0;
            free(old_res_ptr);
            break;
        }
        strcpy(res_ptr + res_size - (l2 + 1) - (l1 + 1), buf1);
        strcpy(res_ptr + res_size - (l2 + 1), buf2);
    }
    if (res_size == 0) return "";
    *(res_ptr + res_size) = '\0';
    return res_ptr;
}
