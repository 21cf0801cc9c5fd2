#!/usr/bin/env bash
# bench/owner/run.sh BUILD_DIR: libown's owned blocks, borrows and frames against glibc, mimalloc,
# alloca and Rust (the anchor shared/anchors/borrow_anchor.rs and rwlock_threads.rs, built here
# with rustc -O), all in one run. The programs take turns, BENCH_REPS times (5), so a slow spell of
# the machine does not fall on one side; report.py prints each figure's median over the turns as
# ratios and says for each goal MET or NOT MET.
# Environment: BENCH_REPS (5), BENCH_ROUNDS (5: owner_bench's own repetitions per turn),
# OWN_ANCHOR (the anchor's source), MIMALLOC_LIB (the libmimalloc to compare with).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/owner/run.sh BUILD_DIR}" && pwd)
bin=$build/bench/owner
reps=${BENCH_REPS:-5}
rounds=${BENCH_ROUNDS:-5}
anchor_src=${OWN_ANCHOR:-$(cd "$here/../.." && pwd)/../shared/anchors/borrow_anchor.rs}
mimalloc=${MIMALLOC_LIB:-/usr/lib/x86_64-linux-gnu/libmimalloc.so.2}

[ -x "$bin/owner_bench" ] || { echo "bench/owner: $bin/owner_bench is not built" >&2; exit 1; }

# The Rust peers, built in this run with the rustc installed here; without rustc the table shows
# own against the C peers only.
rust_programs=()
if command -v rustc >/dev/null; then
  mkdir -p "$bin/rust"
  if [ -f "$anchor_src" ]; then
    rustc -O "$anchor_src" -o "$bin/rust/borrow_anchor" && rust_programs+=("$bin/rust/borrow_anchor")
  else
    echo "note: the anchor $anchor_src is missing: no ratios to it"
  fi
  rustc -O "$here/rwlock_threads.rs" -o "$bin/rust/rwlock_threads" &&
    rust_programs+=("$bin/rust/rwlock_threads")
else
  echo "note: rustc not found: no ratios to Rust"
fi

results=$bin/results.tsv
: >"$results"
echo "bench/owner: owner_bench ($rounds rounds) and ${#rust_programs[@]} Rust program(s), $reps turns"
for ((rep = 1; rep <= reps; rep++)); do
  for program in "${rust_programs[@]}" "$bin/owner_bench"; do
    args=()
    [ "$program" = "$bin/owner_bench" ] && args=("$rounds" "$mimalloc")
    "$program" "${args[@]}" | while IFS= read -r line; do
      printf '%s\t%s\t%s\n' "$rep" "$(basename "$program")" "$line"
    done >>"$results"
  done
  echo "  turn $rep of $reps done"
done
python3 "$here/report.py" "$results"
