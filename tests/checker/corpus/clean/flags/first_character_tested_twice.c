// ed's read_file and write_file: a name that starts with '!' is a command, opened with popen and
// closed with pclose; any other is a file, opened with fopen and closed with fclose. The two tests
// read the same character, so each stream is closed by its own function.
#include <stdio.h>

long read_stream(const char *name, FILE *fp);

int read_file(const char *filename)
{
    FILE *fp;
    if (*filename == '!')
        fp = popen(filename + 1, "r");
    else
        fp = fopen(filename, "r");
    if (!fp) return -1;
    long size = read_stream(filename, fp);
    int ret;
    if (*filename == '!')
        ret = pclose(fp);
    else
        ret = fclose(fp);
    if (size < 0) return -2;
    return ret;
}
