#!/usr/bin/env bash
# bench/run/run.sh BUILD_DIR: what finding heap errors at run time costs. The allocation workloads
# of bench/heap run as they are (glibc's malloc, the baseline), under `own run` (own's checked
# heap), built with AddressSanitizer, and under Valgrind's memcheck, interleaved in one run.
# Prints per workload the median wall time and peak RSS as ratios to the plain run, and their
# geometric means. Every run must exit 0: a checker that reports an error in these correct
# programs is a failure, not a result.
# Environment: BENCH_REPS (3), BENCH_WORKLOADS (all), BENCH_SCALE (0.05: Valgrind is slow).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/run/run.sh BUILD_DIR}" && pwd)
heap=$build/bench/heap
asan=$build/bench/run
own=$build/bin/own
reps=${BENCH_REPS:-3}
scale=${BENCH_SCALE:-0.05}
read -r -a workloads <<<"${BENCH_WORKLOADS:-churn mixed realloc_grow xthread larson fragment large}"

[ -x "$heap/heap_measure" ] || { echo "bench/run: $heap/heap_measure is not built" >&2; exit 1; }
[ -x "$own" ] || { echo "bench/run: $own is not built" >&2; exit 1; }

tools=(plain own)
[ -x "$asan/run_${workloads[0]}_asan" ] && tools+=(asan) || echo "note: asan skipped: not built"
command -v valgrind >/dev/null && tools+=(valgrind) || echo "note: valgrind skipped: not installed"

# The command line of one tool on one workload.
command_of() {
  local tool=$1 w=$2
  case $tool in
    plain) echo "$heap/heap_$w $scale" ;;
    own) echo "$own run -- $heap/heap_$w $scale" ;;
    asan) echo "$asan/run_${w}_asan $scale" ;;
    valgrind) echo "valgrind -q --error-exitcode=99 --leak-check=full $heap/heap_$w $scale" ;;
  esac
}

out=$build/bench/run/results
rm -rf "$out" && mkdir -p "$out/logs"
results=$out/results.tsv
printf 'workload\ttool\trep\tseconds\tmaxrss_kib\tstatus\tcommand\n' >"$results"
n=${#tools[@]}
echo "bench/run: ${workloads[*]} x ${tools[*]}, $reps repetitions, scale $scale"
for ((rep = 1; rep <= reps; rep++)); do
  for w in "${workloads[@]}"; do
    for ((k = 0; k < n; k++)); do
      tool=${tools[$(((k + rep) % n))]} # a rotated order, so a slow spell falls on no one tool
      log=$out/logs/$w.$tool.$rep
      cmd=$(command_of "$tool" "$w")
      # shellcheck disable=SC2086 # the command is split into words on purpose
      ASAN_OPTIONS=detect_leaks=1 "$heap/heap_measure" -o "$log.measure" -- $cmd >"$log.out" 2>"$log.err" || true
      read -r seconds rss status <"$log.measure"
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$w" "$tool" "$rep" "$seconds" "$rss" "$status" "$cmd" >>"$results"
      [ "$status" = 0 ] && rm -f "$log.err"
      rm -f "$log.out" "$log.measure"
    done
  done
  echo "  repetition $rep of $reps done"
done
python3 "$here/report.py" "$results" "${tools[@]}"
