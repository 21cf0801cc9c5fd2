// An enum switch picks the right release function for each resource kind.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

enum kind { K_MEM, K_FILE, K_DIR };

int open_and_close(enum kind k)
{
    switch (k) {
    case K_MEM: {
        void *m = malloc(8);
        free(m);
        return 0;
    }
    case K_FILE: {
        FILE *f = fopen("/dev/null", "r");
        if (f) fclose(f);
        return 0;
    }
    case K_DIR: {
        DIR *d = opendir("/");
        if (d) closedir(d);
        return 0;
    }
    }
    return -1;
}
