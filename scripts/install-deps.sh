#!/usr/bin/env bash
# Installs the Debian 12 packages own needs to build, test and benchmark.
# Called by `make run`, `make check` and `make bench`; does nothing when all are present.
set -euo pipefail

# Build and test: compilers, CMake, stack traces (libunwind, libdw; libc6-dbg names libc's frames
# and is what the debug cache's test reads), the JSON writer for SARIF
# (jansson), the schema validator for the SARIF test (python3-jsonschema), valgrind for the allocator,
# the sanitizer runtimes and libFuzzer (libclang-rt).
core_packages=(build-essential cmake pkg-config clang libclang-rt-14-dev
  libunwind-dev libdw-dev libc6-dbg libjansson-dev python3 python3-jsonschema valgrind git)
# Benchmarks: the peer allocators and checkers, and dpkg-dev for `apt-get source` of the C code
# the checkers are timed on.
bench_packages=(libmimalloc2.0 libjemalloc2 libtcmalloc-minimal4 cppcheck hyperfine rustc dpkg-dev)

# libclang: the newest one Debian 12 offers (security archive), else an older one.
libclang_candidates=(libclang-22-dev libclang-19-dev libclang-16-dev libclang-14-dev)

want=("${core_packages[@]}")
[ "${1:-}" = "--bench" ] && want+=("${bench_packages[@]}")

is_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

have_libclang=""
for pkg in "${libclang_candidates[@]}"; do
  if is_installed "$pkg"; then have_libclang=$pkg; break; fi
done

missing=()
for pkg in "${want[@]}"; do is_installed "$pkg" || missing+=("$pkg"); done
[ -n "$have_libclang" ] || missing+=(LIBCLANG)

# The checker benchmark fetches Debian source packages: it needs deb-src entries, made here from
# the deb entries of debian.sources (the same archive) when there are none.
src_list=/etc/apt/sources.list.d/own-deb-src.sources
need_deb_src=0
if [ "${1:-}" = "--bench" ] && ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list \
  /etc/apt/sources.list.d/; then
  need_deb_src=1
fi

[ ${#missing[@]} -eq 0 ] && [ $need_deb_src = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  [ ${#missing[@]} -eq 0 ] ||
    echo "own: these Debian packages are missing: ${missing[*]/LIBCLANG/libclang-22-dev (or -19/-16/-14)}" >&2
  [ $need_deb_src = 0 ] || echo "own: apt has no deb-src entries (the checker benchmark fetches sources)" >&2
  echo "own: run 'sudo $0 ${1:-}' once as root, then try again." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_deb_src = 1 ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >"$src_list"
  echo "own: added deb-src entries ($src_list) for the checker benchmark's sources" >&2
fi
[ ${#missing[@]} -eq 0 ] || echo "own: installing ${missing[*]/LIBCLANG/libclang} ..." >&2
apt-get update -qq >/dev/null
final=()
for pkg in "${missing[@]}"; do [ "$pkg" = LIBCLANG ] || final+=("$pkg"); done
[ ${#final[@]} -eq 0 ] || apt-get install -y -qq --no-install-recommends "${final[@]}" >/dev/null
if [ -z "$have_libclang" ]; then
  for pkg in "${libclang_candidates[@]}"; do
    if apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
      echo "own: installed $pkg" >&2; exit 0
    fi
  done
  echo "own: no libclang development package could be installed" >&2
  exit 1
fi
