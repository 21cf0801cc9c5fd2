#!/usr/bin/env bash
# trace_libs.sh OWN_MALLOC_LIB WORK_DIR: libunwind and libdw, which name the stacks of reports,
# are not loaded into a program that only wants a malloc (their pages would be most of a small
# program's memory, and libunwind, in the global scope, would stand in for libgcc's unwinder and
# glibc's backtrace()); with OWN_OPTIONS=backtrace=1 they are loaded, out of the global scope
# (libunwind at start, libdw by the first report), and a report shows the stacks of its block,
# named down to file and line.
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
#include <string.h>
static void release(char *p) { free(p); }
static int mapped(const char *name) {
    char line[512];
    int found = 0;
    FILE *maps = fopen("/proc/self/maps", "r");
    while (maps && fgets(line, sizeof line, maps)) found |= strstr(line, name) != NULL;
    if (maps) fclose(maps);
    return found; }
int main(void) {
    char *p = malloc(10);
    int dw_before = mapped("libdw");
    release(p);
    release(p);
    void *frames[4]; /* glibc's backtrace(), not libunwind's */
    printf("%d\n", backtrace(frames, 4) > 0);
    printf("libdw %d %d\n", dw_before, mapped("libdw"));
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
for frame in "#0 release at [^ ]*double_free.c:5" "#1 main at [^ ]*double_free.c:17" \
  "#1 main at [^ ]*double_free.c:16" "#0 main at [^ ]*double_free.c:14"; do
  grep -q "$frame" "$work/double_free.err" || fail "the report lacks '$frame'"
done
echo "ok: with backtrace=1 the report names its stacks"

# libdw names frames: loaded by the first report, not by a process that reports nothing.
grep -q "^libdw 0 1$" "$work/double_free.out" || fail "libdw was not loaded by the report alone"
OWN_OPTIONS=backtrace=1 LD_PRELOAD=$own_lib cat /proc/self/maps >"$work/traced.maps"
grep -q libunwind "$work/traced.maps" || fail "backtrace=1 did not load libunwind"
if grep -q libdw "$work/traced.maps"; then fail "libdw loaded by a process that reported nothing"; fi
echo "ok: backtrace=1 loads libunwind at once, libdw at the first report"
