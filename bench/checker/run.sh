#!/usr/bin/env bash
# bench/checker/run.sh BUILD_DIR: own check against its peers on real C code from Debian's source
# packages (Lua 5.4, zlib, libyaml, jansson, bzip2: about 56,000 lines of .c files), fetched once by
# fetch.sh into a cache. Times, set by set, with the same files and the same -I/-D flags:
#   parse floor        libclang parses every file in one process and visits every cursor
#   clang -fsyntax-only one process per file
#   own check -j 1, own check -j NPROC, own check -j 1 --across-files (as -p runs it)
#   clang --analyze, gcc -fanalyzer (one process per file), cppcheck (one process per set)
# and prints wall seconds, CPU seconds, lines per second, findings and the ratio to the parse floor.
# The fast rows take the best of BENCH_REPS runs; the analyzers run once. own's findings are kept
# in BUILD_DIR/bench/checker/results/own-SET.txt (--format=gcc) for review (REVIEW.md).
# Environment: OWN_BENCH_QUICK=1 (Lua only), BENCH_REPS (3), BENCH_JOBS (nproc),
# OWN_BENCH_SOURCES (BUILD_DIR/../bench-sources, the cache), CLANG (newest clang found),
# BENCH_TOOLS (all: floor syntax own1 ownN ownX clang-analyze gcc-fanalyzer cppcheck).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/checker/run.sh BUILD_DIR}" && pwd)
own=$build/bin/own
floor=$build/bench/checker/parse_floor
reps=${BENCH_REPS:-3}
jobs=${BENCH_JOBS:-$(nproc)}
sources=${OWN_BENCH_SOURCES:-$(dirname "$build")/bench-sources}
if [ "${OWN_BENCH_QUICK:-0}" = 1 ]; then
  sets=(lua5.4)
else
  sets=(lua5.4 zlib libyaml jansson bzip2)
fi

[ -x "$own" ] || { echo "bench/checker: $own is not built" >&2; exit 1; }
if ! "$own" check --help >/dev/null 2>&1; then
  echo "bench/checker: skipped: this own was built without \`own check\` (libclang missing)"
  exit 0
fi
[ -x "$floor" ] || { echo "bench/checker: $floor is not built" >&2; exit 1; }
clang=${CLANG:-}
if [ -z "$clang" ]; then
  for v in $(seq 22 -1 14); do
    if [ -x /usr/lib/llvm-$v/bin/clang ]; then clang=/usr/lib/llvm-$v/bin/clang; break; fi
  done
  clang=${clang:-$(command -v clang || true)}
fi

if ! "$here/fetch.sh" "$sources" "${sets[@]}"; then
  echo "bench/checker: skipped: the Debian source packages could not be fetched (see above)"
  exit 0
fi
sources=$(cd "$sources" && pwd)

# ---- The code under test: per set, the .c files of the library and its tools, and the flags
# its own build would pass. Headers that configure would write are written here, minimally.
describe_set() {
  local set=$1 src=$sources/$1 gen=$sources/gen/$1
  mkdir -p "$gen"
  cppcheck_flags=()
  case $set in
    lua5.4)
      # Debian's patch makes luaconf.h include a header that debian/rules writes.
      echo "#define DEB_HOST_MULTIARCH \"$(gcc -print-multiarch)\"" >"$gen/lua5.4-deb-multiarch.h"
      files=("$src"/src/*.c)
      flags=(-DLUA_USE_LINUX -I"$src/src" -I"$gen")
      # cppcheck reads no system header: luaconf.h would stop at #error without <limits.h>'s value.
      cppcheck_flags=(-DLLONG_MAX=9223372036854775807LL)
      ;;
    zlib)
      files=("$src"/*.c)
      flags=(-I"$src" -DZ_HAVE_UNISTD_H -D_LARGEFILE64_SOURCE=1 -DHAVE_HIDDEN)
      ;;
    libyaml)
      files=("$src"/src/*.c)
      flags=(-I"$src/include" -DYAML_VERSION_MAJOR=0 -DYAML_VERSION_MINOR=2
             -DYAML_VERSION_PATCH=5 '-DYAML_VERSION_STRING="0.2.5"')
      ;;
    jansson)
      sed -e 's/@json_inline@/inline/' -e 's/@json_have_long_long@/1/' \
          -e 's/@json_have_localeconv@/1/' -e 's/@json_have_atomic_builtins@/1/' \
          -e 's/@json_have_sync_builtins@/1/' "$src/src/jansson_config.h.in" >"$gen/jansson_config.h"
      {
        for m in ENDIAN_H FCNTL_H LOCALE_H SCHED_H UNISTD_H SYS_PARAM_H SYS_STAT_H SYS_TIME_H \
                 SYS_TYPES_H STDINT_H CLOSE GETPID GETTIMEOFDAY LOCALECONV OPEN READ SCHED_YIELD \
                 STRTOLL SYNC_BUILTINS ATOMIC_BUILTINS; do
          echo "#define HAVE_$m 1"
        done
        echo "#define USE_URANDOM 1"
        echo "#define INITIAL_HASHTABLE_ORDER 3"
      } >"$gen/jansson_private_config.h"
      files=("$src"/src/*.c)
      flags=(-DHAVE_CONFIG_H -I"$src/src" -I"$gen")
      ;;
    bzip2)
      # The library and the two programs Debian ships; not the test and table-making programs.
      files=()
      for f in blocksort bzip2 bzip2recover bzlib compress crctable decompress huffman randtable; do
        files+=("$src/$f.c")
      done
      flags=(-D_FILE_OFFSET_BITS=64 -I"$src")
      ;;
  esac
}

# ---- The tools. Each reads files[] and flags[]; output goes to stdout/stderr, timed by measure.
per_file() { # per_file COMMAND...: COMMAND FLAGS FILE for each file, all run even if some fail
  local f rc=0
  for f in "${files[@]}"; do "$@" "${flags[@]}" "$f" || rc=1; done
  return $rc
}
run_floor() { "$floor" "${files[@]}" -- "${flags[@]}"; }
run_syntax() { per_file "$clang" -fsyntax-only; }
run_own1() { "$own" check -j 1 --format=gcc --color=never "${files[@]}" -- "${flags[@]}"; }
run_ownN() { "$own" check -j "$jobs" --format=gcc --color=never "${files[@]}" -- "${flags[@]}"; }
# Following calls into the other files' functions: what -p does by default.
run_ownX() {
  "$own" check -j 1 --across-files --format=gcc --color=never "${files[@]}" -- "${flags[@]}"
}
run_clang_analyze() { per_file "$clang" --analyze -o /dev/null; }
run_gcc_fanalyzer() { per_file gcc -fanalyzer -c -o /dev/null; }
run_cppcheck() {
  cppcheck --quiet --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
    "${flags[@]}" "${cppcheck_flags[@]}" "${files[@]}"
}

# Findings in a tool's log; "-" for the tools that only parse.
count_findings() {
  local tool=$1 log=$2
  case $tool in
    own*) grep -cE ': error: .*\[own::[a-z-]+\]$' "$log" || true ;;
    clang-analyze) grep -cE ': warning: .*\[[a-z]+\.[A-Za-z.]+\]$' "$log" || true ;; # checker names
    gcc-fanalyzer) grep -cE ': warning: .*\[-Wanalyzer-' "$log" || true ;;
    cppcheck) grep -cE ': (error|warning): ' "$log" || true ;;
    *) echo - ;;
  esac
}

out=$build/bench/checker/results
rm -rf "$out" && mkdir -p "$out/logs"
results=$out/results.tsv
printf 'set\ttool\tlines\twall_s\tcpu_s\tfindings\tstatus\n' >"$results"

# measure SET TOOL: one run, appended to results.tsv (wall and CPU seconds, findings, exit status).
measure() {
  local set=$1 tool=$2 log=$out/logs/$1.$2 rc=0 t
  { TIMEFORMAT='%R %U %S'; time "run_${tool//-/_}" >"$log" 2>&1 || rc=$?; } 2>"$log.time"
  t=$(cat "$log.time") && rm -f "$log.time"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$set" "$tool" "$lines" "${t%% *}" \
    "$(awk '{ printf "%.2f", $2 + $3 }' <<<"$t")" "$(count_findings "$tool" "$log")" "$rc" >>"$results"
}

fast_tools=(floor syntax own1 ownN ownX)
slow_tools=()
[ -n "$clang" ] && slow_tools+=(clang-analyze) || echo "note: clang --analyze skipped: no clang"
command -v gcc >/dev/null && slow_tools+=(gcc-fanalyzer) || echo "note: gcc -fanalyzer skipped: no gcc"
command -v cppcheck >/dev/null && slow_tools+=(cppcheck) || echo "note: cppcheck skipped: no cppcheck"
[ -n "$clang" ] || fast_tools=(floor own1 ownN ownX)
if [ -n "${BENCH_TOOLS:-}" ]; then # a subset, e.g. BENCH_TOOLS="floor own1"
  keep() { local t; for t in $BENCH_TOOLS; do [ "$t" = "$1" ] && return 0; done; return 1; }
  sel=(); for t in "${fast_tools[@]}"; do keep "$t" && sel+=("$t"); done; fast_tools=("${sel[@]}")
  sel=(); for t in "${slow_tools[@]}"; do keep "$t" && sel+=("$t"); done; slow_tools=("${sel[@]}")
fi

echo "bench/checker: own check ($own) vs $("$clang" --version 2>/dev/null | head -1 || echo no clang)," \
  "$(gcc --version | head -1), $(cppcheck --version 2>/dev/null || echo no cppcheck); $(nproc) cores"
for set in "${sets[@]}"; do
  describe_set "$set"
  lines=$(cat "${files[@]}" | wc -l)
  echo "  $set ($(cat "$sources/$set/.fetched")): ${#files[@]} files, $lines lines"
  # The fast rows go round the tools in each repetition, so a busy spell hits all of them alike.
  for ((r = 1; r <= reps; r++)); do
    for tool in "${fast_tools[@]}"; do measure "$set" "$tool"; done
  done
  for tool in "${slow_tools[@]}"; do measure "$set" "$tool"; done
  [ -f "$out/logs/$set.own1" ] && cp "$out/logs/$set.own1" "$out/own-$set.txt"
  [ -f "$out/logs/$set.ownX" ] && cp "$out/logs/$set.ownX" "$out/own-across-$set.txt"
  if [ -f "$out/logs/$set.floor" ] && ! grep -q ' errors 0$' "$out/logs/$set.floor"; then
    echo "warning: libclang reports compile errors in $set: the flags above are incomplete" >&2
  fi
done

# ---- The table: per set and in total, the best run of each tool.
awk -F'\t' -v jobs="$jobs" '
  function name(t) {
    if (t == "floor") return "parse floor (libclang, 1 process)"
    if (t == "syntax") return "clang -fsyntax-only (per file)"
    if (t == "own1") return "own check -j 1"
    if (t == "ownN") return "own check -j " jobs
    if (t == "ownX") return "own check -j 1 --across-files"
    if (t == "clang-analyze") return "clang --analyze (per file)"
    if (t == "gcc-fanalyzer") return "gcc -fanalyzer (per file)"
    if (t == "cppcheck") return "cppcheck"
    return t
  }
  function row(label, w, c, l, f, fl, flc) {
    printf "  %-36s %9.2f %9.2f %11.0f %9s %9s %9s\n", label, w, c, (w > 0 ? l / w : 0), f,
      (fl > 0 ? sprintf("%.2f", w / fl) : "-"), (flc > 0 ? sprintf("%.2f", c / flc) : "-")
  }
  NR == 1 { next }
  {
    k = $1 SUBSEP $2
    if (!(k in wall) || $4 < wall[k]) { wall[k] = $4; cpu[k] = $5; find[k] = $6 }
    if (!($1 in lines)) { lines[$1] = $3; sets[++ns] = $1; total_lines += $3 }
    if (!($2 in seen)) { seen[$2] = 1; tools[++nt] = $2 }
  }
  END {
    for (i = 1; i <= ns; i++) print_set(sets[i])
    if (ns > 1) print_set("all")
  }
  function print_set(set,   t, tool, w, c, f, fl, n, i, k) {
    n = set == "all" ? total_lines : lines[set]
    printf "\n%s: %d lines of C\n", set, n
    printf "  %-36s %9s %9s %11s %9s %9s %9s\n", "tool", "seconds", "cpu s", "lines/s", "findings",
      "x floor", "cpu x fl"
    fl = 0; flc = 0
    for (i = 1; i <= ns; i++) {
      if (set != "all" && sets[i] != set) continue
      fl += wall[sets[i], "floor"]; flc += cpu[sets[i], "floor"]
    }
    for (t = 1; t <= nt; t++) {
      tool = tools[t]; w = 0; c = 0; f = 0
      for (i = 1; i <= ns; i++) {
        if (set != "all" && sets[i] != set) continue
        k = sets[i] SUBSEP tool
        w += wall[k]; c += cpu[k]
        f = (find[k] == "-" || f == "-") ? "-" : f + find[k]
      }
      row(name(tool), w, c, n, f, fl, flc)
    }
  }' "$results"

# The goals: own check -j 1 within 2x of the parse floor, and -j scaling with the cores.
awk -F'\t' -v jobs="$jobs" '
  NR > 1 && ($2 == "floor" || $2 == "own1" || $2 == "ownN" || $2 == "ownX") {
    k = $1 SUBSEP $2
    if (!(k in best) || $4 < best[k]) { best[k] = $4; cpu[k] = $5 }
    if (!($1 in s)) { s[$1] = 1; sets[++n] = $1 }
    if ($2 != "floor" && $7 == 2) bad[$2] = 1
  }
  END {
    for (i = 1; i <= n; i++) {
      f += best[sets[i], "floor"]; o1 += best[sets[i], "own1"]; oN += best[sets[i], "ownN"]
      oX += best[sets[i], "ownX"]
      fc += cpu[sets[i], "floor"]; o1c += cpu[sets[i], "own1"]
    }
    if (f == 0 || o1 == 0 || oN == 0) exit
    printf "\nown check -j 1 / parse floor: %.2fx wall, %.2fx CPU (goal: within 2x) %s\n", o1 / f,
      (fc > 0 ? o1c / fc : 0), (o1 <= 2 * f ? "met" : "NOT met")
    printf "own check -j 1 / -j %d: %.2fx speedup on %d cores\n", jobs, o1 / oN, jobs
    if (oX > 0)
      printf "own check -j 1 --across-files / parse floor: %.2fx wall (%.2fx the file-by-file run)\n",
        oX / f, oX / o1
    if (bad["own1"] || bad["ownN"]) print "warning: own check could not parse some files (exit 2): see the logs"
  }' "$results"
# Functions own check gave up on are time it did not spend: say how many, per set.
for set in "${sets[@]}"; do
  f=$out/own-$set.txt
  [ -f "$f" ] || continue
  n=$(grep -c ': note: function .* skipped' "$f" || true)
  [ "$n" = 0 ] || echo "note: own check skipped $n functions in $set (the notes in $f say why)"
done
echo "results: $results; own findings: $out/own-*.txt"
