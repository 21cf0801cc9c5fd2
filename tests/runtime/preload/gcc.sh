#!/usr/bin/env bash
# gcc.sh OWN_MALLOC_LIB WORK_DIR: gcc -O2 under own's malloc (the driver, cc1, as, collect2 and ld
# all run with it): a generated 8000-line program, built and run, and sources of this project
# compiled to objects. The objects, and the program's output, must equal those built under glibc.
source "$(dirname "$0")/preload.sh" "$@"
root=$(cd "$here/../../.." && pwd)

# 400 functions of loops, arrays, switches and calls, each feeding the next; main prints a sum.
awk 'BEGIN {
  n = 400
  print "#include <stdio.h>\n#include <string.h>"
  print "struct acc { unsigned v[8]; const char *name; };"
  for (f = 0; f < n; f++) {
    printf "static unsigned f%d(unsigned x, struct acc *acc) {\n", f
    printf "    unsigned a[16];\n    for (int i = 0; i < 16; i++) a[i] = x * (unsigned)(i + %d) ^ (x >> (i %% 7));\n", f + 3
    printf "    switch (x %% 5) {\n"
    printf "    case 0: x += a[3] * %du; break;\n", f * 7 + 1
    printf "    case 1: x ^= a[7] << 1; acc->v[%d] += x; break;\n", f % 8
    printf "    case 2: x = (x << 3) | (x >> 29); break;\n"
    printf "    case 3: for (int i = 0; i < 16; i += 2) x += a[i] & 0x%x; break;\n", (f * 2654435761) % 65536
    printf "    default: x = x * 1103515245u + %du; acc->name = \"f%d\"; break;\n    }\n", f, f
    if (f > 0) printf "    if ((x & 7) == %d) x ^= f%d(x >> 4, acc) & 0xffffu;\n", f % 8, f - 1
    printf "    return x + a[x %% 16] + (unsigned)strlen(acc->name);\n}\n"
  }
  print "int main(void) {\n    struct acc acc = {{0}, \"start\"};\n    unsigned sum = 0;"
  for (f = 0; f < n; f++) printf "    sum += f%d(%du + sum, &acc);\n", f, f * 31 + 7
  print "    for (int i = 0; i < 8; i++) sum ^= acc.v[i];"
  print "    printf(\"generated program: %u %s\\n\", sum, acc.name);\n    return 0;\n}"
}' >"$work/generated.c"
lines=$(wc -l <"$work/generated.c")
[ "$lines" -gt 5000 ] || fail "the generated program has only $lines lines"

export root
run_both gcc bash -c '
  gcc -O2 -c "$1" -o generated.o && gcc generated.o -o generated && ./generated
  shift
  for src in "$@"; do
    gcc -O2 -std=gnu11 -fPIC -I "$root/include" -I "$root/runtime" -c "$src" -o "$(basename "$src" .c).o"
  done
  ls *.o | wc -l
' gcc "$work/generated.c" "$root"/runtime/core/*.c "$root"/bench/heap/*.c "$here"/*.c
# Every object must equal glibc's byte for byte: gcc's output does not depend on its heap addresses.
mapfile -t objects < <(cd "$work/gcc.glibc" && ls *.o)
[ ${#objects[@]} -gt 5 ] || fail "only ${#objects[@]} objects were built"
same_files gcc "${objects[@]}"
