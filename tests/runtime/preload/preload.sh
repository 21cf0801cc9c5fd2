# preload.sh: what the drop-in malloc tests share (sourced by each test script).
# A test runs a real program twice, under glibc's malloc and under libown-malloc.so (LD_PRELOAD, with
# OWN_OPTIONS=stats=1), and fails when the program crashes or exits differently under own, when
# its output differs, or when own's statistics are missing from stderr at exit: ld.so only warns
# and goes on when it cannot preload a library, so without that check a broken library would pass.
# Usage in a test: source preload.sh OWN_MALLOC_LIB WORK_DIR; then run_both NAME COMMAND [ARGS...].
set -euo pipefail

own_lib=${1:?usage: TEST OWN_MALLOC_LIB WORK_DIR}
work=${2:?usage: TEST OWN_MALLOC_LIB WORK_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# The first line of what own_heap_stats_print writes at exit with OWN_OPTIONS=stats=1.
own_stats_pattern=${OWN_STATS_PATTERN:-'^own heap statistics'}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

[ -f "$own_lib" ] || fail "$own_lib is missing (build the own_malloc target)"
own_lib=$(cd "$(dirname "$own_lib")" && pwd)/$(basename "$own_lib")
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)
unset LD_PRELOAD OWN_OPTIONS

# The library must load into a process at all: cat prints its own memory map.
if ! LD_PRELOAD=$own_lib cat /proc/self/maps >"$work/maps" 2>"$work/maps.err" ||
  ! grep -q "$(basename "$own_lib")" "$work/maps"; then
  fail "LD_PRELOAD=$own_lib does not load: $(head -c 500 "$work/maps.err")"
fi

# run_both NAME COMMAND [ARGS...]: runs COMMAND in $work/NAME.glibc/ and in $work/NAME.own/ (fresh
# directories, each the working directory of its run), stdout to NAME.SIDE.out and stderr to
# NAME.SIDE.err beside them. Fails unless both exit alike, print the same stdout, and own's run
# printed its statistics. Files the command writes are compared by the caller (same_files).
run_both() {
  local name=$1 side status
  shift
  local -A code
  for side in glibc own; do
    mkdir -p "$work/$name.$side"
    status=0
    if [ $side = own ]; then
      (cd "$work/$name.$side" && LD_PRELOAD=$own_lib OWN_OPTIONS=stats=1 "$@") \
        >"$work/$name.$side.out" 2>"$work/$name.$side.err" || status=$?
    else
      (cd "$work/$name.$side" && "$@") >"$work/$name.$side.out" 2>"$work/$name.$side.err" || status=$?
    fi
    code[$side]=$status
  done
  local reproduce="cd $work/$name.own && LD_PRELOAD=$own_lib $*"
  if [ "${code[glibc]}" != 0 ]; then
    echo "--- stderr under glibc:" >&2
    tail -n 20 "$work/$name.glibc.err" >&2
    fail "$name: the test itself is broken: exit status ${code[glibc]} under glibc's malloc"
  fi
  if [ "${code[own]}" != "${code[glibc]}" ]; then
    echo "--- stderr under own:" >&2
    tail -n 30 "$work/$name.own.err" >&2
    local what="exit status ${code[own]}"
    [ "${code[own]}" -gt 128 ] && what="killed by signal $((code[own] - 128)) ($(kill -l "${code[own]}" 2>/dev/null || echo ?))"
    fail "$name: $what under own, ${code[glibc]} under glibc (stderr: $work/$name.own.err). Reproduce: $reproduce"
  fi
  if ! cmp -s "$work/$name.glibc.out" "$work/$name.own.out"; then
    echo "--- diff of stdout, glibc vs own:" >&2
    diff "$work/$name.glibc.out" "$work/$name.own.out" | head -n 30 >&2 || true
    fail "$name: the output differs under own. Reproduce: $reproduce"
  fi
  if ! grep -Eiq "$own_stats_pattern" "$work/$name.own.err"; then
    echo "--- stderr under own (OWN_OPTIONS=stats=1):" >&2
    tail -n 20 "$work/$name.own.err" >&2
    fail "$name: own printed no statistics at exit (pattern '$own_stats_pattern'): was own's malloc in use?"
  fi
  echo "ok: $name ($(wc -c <"$work/$name.own.out") bytes of identical output)"
}

# same_files NAME FILE...: the files NAME's two runs wrote (relative to their directories) are equal.
same_files() {
  local name=$1 file
  shift
  for file in "$@"; do
    cmp "$work/$name.glibc/$file" "$work/$name.own/$file" ||
      fail "$name: $file differs between glibc and own (in $work/$name.{glibc,own}/)"
  done
  echo "ok: $name wrote identical $*"
}
