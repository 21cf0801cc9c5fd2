#!/usr/bin/env bash
# trace_libs.sh OWN_MALLOC_LIB WORK_DIR: libunwind and libdw, which name the stacks of reports,
# are not loaded into a program that only wants a malloc (their pages would be most of a small
# program's memory, and libunwind, in the global scope, would stand in for libgcc's unwinder and
# glibc's backtrace()); with OWN_OPTIONS=backtrace=1 they are loaded, out of the global scope, and
# a report shows the stacks of its block, named down to file and line.
source "$(dirname "$0")/preload.sh" "$@"

LD_PRELOAD=$own_lib cat /proc/self/maps >"$work/plain.maps"
if grep -E "libunwind|libdw" "$work/plain.maps"; then
  fail "libunwind or libdw is loaded into a program that did not ask for stacks"
fi
echo "ok: a plain malloc loads neither libunwind nor libdw"

cat >"$work/double_free.c" <<'PROGRAM'
#include <execinfo.h>
#include <stdio.h>
#include <stdlib.h>
static void release(char *p) { free(p); }
int main(void) {
    char *p = malloc(10);
    release(p);
    release(p);
    void *frames[4]; /* glibc's backtrace(), not libunwind's */
    printf("%d\n", backtrace(frames, 4) > 0);
    return 0; }
PROGRAM
cc -g -O0 -o "$work/double_free" "$work/double_free.c"
status=0
OWN_OPTIONS=on_error=log:backtrace=1:checked=1 LD_PRELOAD=$own_lib "$work/double_free" \
  >"$work/double_free.out" 2>"$work/double_free.err" || status=$?
cat "$work/double_free.err"
[ "$status" = 0 ] || fail "double_free exited with status $status"
grep -q "^1$" "$work/double_free.out" || fail "glibc's backtrace() found no frames"
grep -q "error\[double-free\]" "$work/double_free.err" || fail "no double-free report"
# The stacks of the error, of the first free and of the allocation.
for frame in "#0 release at [^ ]*double_free.c:4" "#1 main at [^ ]*double_free.c:8" \
  "#1 main at [^ ]*double_free.c:7" "#0 main at [^ ]*double_free.c:6"; do
  grep -q "$frame" "$work/double_free.err" || fail "the report lacks '$frame'"
done
echo "ok: with backtrace=1 the report names its stacks"

OWN_OPTIONS=backtrace=1 LD_PRELOAD=$own_lib cat /proc/self/maps >"$work/traced.maps"
grep -q libunwind "$work/traced.maps" && grep -q libdw "$work/traced.maps" ||
  fail "backtrace=1 did not load libunwind and libdw"
echo "ok: backtrace=1 loads both"
