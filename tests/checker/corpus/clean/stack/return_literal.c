// Returning a string literal is fine.
const char *name_of(int code)
{
    switch (code) {
    case 0:
        return "zero";
    case 1:
        return "one";
    default:
        return "many";
    }
}
