// The stream is opened on the first character and closed on the last one: a name that starts with
// '!' but does not end with it was popen'd and is fclose'd.
#include <stdio.h>
#include <string.h>

int run(const char *name)
{
    FILE *fp;
    if (*name == '!')
        fp = popen(name + 1, "r");
    else
        fp = fopen(name, "r");
    if (!fp) return -1;
    if (name[strlen(name) - 1] == '!')
        return pclose(fp); // expect: mismatched-free
    return fclose(fp); // expect: mismatched-free
}
