#!/usr/bin/env bash
# bench/heap/run.sh BUILD_DIR: the allocation workloads under glibc's malloc, mimalloc, jemalloc,
# tcmalloc and own's libown-malloc.so, swapped in with LD_PRELOAD. Runs are interleaved (each
# repetition goes round the allocators, in a rotated order) so that a slow spell of the machine
# does not fall on one allocator. Prints per workload the median wall time and peak RSS as ratios
# to mimalloc, their geometric means, own against its best peer, and the goals.
# Environment: BENCH_REPS (5), BENCH_WORKLOADS (all), BENCH_SCALE (1.0, the work per run),
# OWN_MALLOC_LIB (BUILD_DIR/runtime/libown-malloc.so).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/heap/run.sh BUILD_DIR}" && pwd)
bin=$build/bench/heap
reps=${BENCH_REPS:-5}
scale=${BENCH_SCALE:-1.0}
read -r -a workloads <<<"${BENCH_WORKLOADS:-churn mixed realloc_grow xthread larson fragment large}"
libdir=/usr/lib/x86_64-linux-gnu
own_lib=${OWN_MALLOC_LIB:-$build/runtime/libown-malloc.so}

[ -x "$bin/heap_measure" ] || { echo "bench/heap: $bin/heap_measure is not built" >&2; exit 1; }
for w in "${workloads[@]}"; do
  [ -x "$bin/heap_$w" ] || { echo "bench/heap: $bin/heap_$w is not built" >&2; exit 1; }
done

# An allocator takes part only if its library exists and really loads: ld.so merely warns and
# goes on without a preload it cannot load, which would measure glibc under another name.
names=() libs=()
consider() {
  local name=$1 lib=$2 err
  if [ -n "$lib" ]; then
    if [ ! -f "$lib" ]; then echo "note: $name skipped: $lib is missing"; return; fi
    if ! err=$(LD_PRELOAD=$lib "$bin/heap_churn" 0.0001 2>&1 >/dev/null) || [ -n "$err" ]; then
      echo "note: $name skipped: $lib does not load or run: ${err:0:200}"
      return
    fi
  fi
  names+=("$name") libs+=("$lib")
}
consider glibc ""
consider mimalloc "$libdir/libmimalloc.so.2"
consider jemalloc "$libdir/libjemalloc.so.2"
consider tcmalloc "$libdir/libtcmalloc_minimal.so.4"
consider own "$own_lib"

out=$build/bench/heap/results
rm -rf "$out" && mkdir -p "$out/logs"
results=$out/results.tsv
printf 'workload\tallocator\trep\tseconds\tmaxrss_kib\tstatus\toutput\n' >"$results"
n=${#names[@]}
echo "bench/heap: ${workloads[*]} x ${names[*]}, $reps repetitions, scale $scale"
for ((rep = 1; rep <= reps; rep++)); do
  for w in "${workloads[@]}"; do
    for ((k = 0; k < n; k++)); do
      i=$(((k + rep + ${#w}) % n)) # rotate the order from one repetition and workload to the next
      name=${names[$i]} lib=${libs[$i]}
      log=$out/logs/$w.$name.$rep
      "$bin/heap_measure" -p "$lib" -o "$log.measure" -- "$bin/heap_$w" "$scale" >"$log.out" 2>"$log.err" || true
      read -r seconds rss status <"$log.measure"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$name" "$rep" "$seconds" "$rss" "$status" \
        "$(head -c 200 "$log.out" | tr '\t\n' '  ')" >>"$results"
      [ "$status" = 0 ] && [ ! -s "$log.err" ] && rm -f "$log.err"
      rm -f "$log.out" "$log.measure"
    done
  done
  echo "  repetition $rep of $reps done"
done

# Reproducers name the library and the program exactly as they were run.
python3 "$here/report.py" "$results" --reproduce "LD_PRELOAD={lib} $bin/heap_{workload} $scale" \
  $(for ((k = 0; k < n; k++)); do printf -- '--lib %s=%s ' "${names[$k]}" "${libs[$k]:-none}"; done)
