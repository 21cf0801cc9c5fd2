// A directory stream is closed with closedir() (runnable).
#include <dirent.h>
#include <stdio.h>

int main(void)
{
    DIR *d = opendir(".");
    if (!d) return 1;
    int n = 0;
    while (readdir(d))
        n++;
    closedir(d);
    printf("%d\n", n > 0);
    return 0;
}
