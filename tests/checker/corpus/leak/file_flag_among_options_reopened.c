// As clean/flags/file_flag_among_options.c, but every file argument is opened: a second one
// overwrites `input` while it owns the first file.
#include <stdio.h>
#include <string.h>

int emit(int argc, char **argv)
{
    FILE *input;
    int found = 0, minor = 0, flow = -1, canonical = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--flow") == 0 && i + 1 < argc) {
            i++;
            if (strcmp(argv[i], "keep") == 0)
                flow = 0;
            else if (strcmp(argv[i], "on") == 0)
                flow = 1;
            else
                flow = -1;
        } else if (strcmp(argv[i], "--directive") == 0 && i + 1 < argc) {
            i++;
            minor = strcmp(argv[i], "1.1") == 0 ? 1 : 2;
        } else if (strcmp(argv[i], "--canonical") == 0) {
            canonical = 1;
        } else {
            input = fopen(argv[i], "rb"); // expect: leak
            found = 1;
        }
    }
    if (!found) input = stdin;
    if (input == NULL) return 1;
    int c, n = 0;
    while ((c = fgetc(input)) != EOF) {
        if (flow == 1) n++;
        else if (flow == 0) n += 2;
        if (minor) n += minor;
        if (canonical) n--;
    }
    if (input != stdin) fclose(input);
    return n;
}
