// A directory stream is closed twice.
#include <dirent.h>

int main(void)
{
    DIR *d = opendir(".");
    if (!d) return 1;
    closedir(d);
    closedir(d); // expect: double-free
    return 0;
}
