#!/usr/bin/env bash
# make run: the kitchen (a correct program on libown), then one program per run-time error kind,
# each shown twice when `own check` is built: what the static checker says about the file, then
# the report libown prints when it runs; last, `own run` on a plain C program.
# Usage: examples/run.sh BUILD_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=$(cd "${1:?usage: examples/run.sh BUILD_DIR}" && pwd)
bin="$build/examples"
own="$build/bin/own"
[ -x "$own" ] || own="$build/cli/own"

rule() { printf '\n==== %s ====\n' "$*"; }

if [ ! -x "$bin/kitchen" ]; then
  echo "examples are not built in $build (cmake --build $build first)" >&2
  exit 1
fi

rule "kitchen: orders on the stack and the heap, two chefs, a cashier"
"$bin/kitchen"
kitchen_status=$?
[ $kitchen_status -eq 0 ] || echo "kitchen exited with status $kitchen_status" >&2

# `own check` is usable when it runs and knows the subcommand.
have_check=0
if [ -x "$own" ] && "$own" check --help >/dev/null 2>&1; then have_check=1; fi
if [ $have_check -eq 1 ]; then
  echo "-- static: own check examples/kitchen.c"
  (cd "$root" && "$own" check examples/kitchen.c -- -I"$root/include") 2>&1
  echo "   (own check exit status $?: the kitchen is correct)"
fi

status=$kitchen_status
for source in "$here"/errors/*.c; do
  kind=$(basename "$source" .c)
  rule "$kind"
  if [ $have_check -eq 1 ]; then
    echo "-- static: own check examples/errors/$kind.c"
    (cd "$root" && "$own" check "examples/errors/$kind.c" -- -I"$root/include") 2>&1
    echo "   (own check exit status $?)"
  fi
  # log: report and go on (the default policy, abort, would stop at the first report). Writes
  # through a shared borrow are watched for only when asked: check_shared=1.
  options=on_error=log
  [ "$kind" = write-through-shared ] && options=$options:check_shared=1
  echo "-- at run time: OWN_OPTIONS=$options examples/errors/$kind"
  OWN_OPTIONS=$options "$bin/errors/$kind" 2>&1
  run_status=$?
  count=$(OWN_OPTIONS=$options "$bin/errors/$kind" 2>&1 | grep -c "^error\[$kind\]")
  if [ "$count" -eq 0 ]; then
    echo "!! expected a report of kind $kind" >&2
    status=1
  fi
  echo "   (exit status $run_status)"
done
# own run: a plain C program, unmodified, on the checked heap.
if [ -x "$own" ] && [ -x "$bin/receipts" ]; then
  rule "own run: an unmodified program on the checked heap"
  echo "-- own run examples/unmodified/receipts"
  (cd "$root" && "$own" run "$bin/receipts") 2>&1
  run_status=$?
  echo "   (own run exit status $run_status: 23 when an error was reported)"
  if [ $run_status -ne 23 ]; then
    echo "!! expected own run to report the second free" >&2
    status=1
  fi
fi
exit $status
