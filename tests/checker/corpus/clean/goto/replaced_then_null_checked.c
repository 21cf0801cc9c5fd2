/* libyaml's loader: the caller's tag is freed and replaced by a copy; when the copy fails, the
 * error path frees the NULL it holds. Joining that path with the one where the caller's tag was
 * kept would make the last free a double free. */
#include <stdlib.h>
#include <string.h>

int push_tag(char *tag);

int load_tag(char **event_tag)
{
    char *tag = *event_tag;
    if (!tag || strcmp(tag, "!") == 0) {
        free(tag);
        tag = strdup("tag:yaml.org,2002:str");
        if (!tag) goto error;
    }
    if (!push_tag(tag)) goto error;
    return 1;
error:
    free(tag);
    return 0;
}
