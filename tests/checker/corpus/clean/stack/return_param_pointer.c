// Returning a pointer the caller passed in (not the parameter's own address) is fine.
char *skip_spaces(char *s)
{
    while (*s == ' ')
        s++;
    return s;
}
