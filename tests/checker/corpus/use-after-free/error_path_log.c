// An error path frees the request and then logs one of its fields.
#include <stdio.h>
#include <stdlib.h>

struct request {
    int id;
    char path[32];
};

int serve(struct request *req, int ok)
{
    if (!ok) {
        free(req);
        fprintf(stderr, "request %d failed\n", req->id); // expect: use-after-free
        return -1;
    }
    return 0;
}
