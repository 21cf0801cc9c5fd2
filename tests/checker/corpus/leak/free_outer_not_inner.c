// Freeing a struct loses the string it owned.
#include <stdlib.h>
#include <string.h>

struct person {
    char *name;
    int age;
};

void person_demo(void)
{
    struct person *p = malloc(sizeof *p);
    if (!p) return;
    p->name = strdup("bob");
    p->age = 40;
    free(p); // expect: leak
}
