#!/usr/bin/env bash
# bench/checker/fetch.sh CACHE_DIR PACKAGE...: the Debian source packages that bench/checker
# checks, unpacked (Debian's patches applied) by `apt-get source` into CACHE_DIR/PACKAGE/, once.
# The security suite's newest version may be missing from a mirror or snapshot; then the version
# of the release itself (PACKAGE/bookworm) is taken. Exit 1 if a package cannot be fetched; the
# packages fetched before it stay in the cache.
set -euo pipefail
cache=${1:?usage: bench/checker/fetch.sh CACHE_DIR PACKAGE...}
shift
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)

if ! command -v apt-get >/dev/null || ! command -v dpkg-source >/dev/null; then
  echo "bench/checker: apt-get and dpkg-source (dpkg-dev) are needed to fetch the sources" >&2
  exit 1
fi

for pkg in "$@"; do
  dest=$cache/$pkg
  [ -f "$dest/.fetched" ] && continue
  rm -rf "$dest.tmp" "$dest"
  mkdir -p "$dest.tmp"
  ok=0
  for spec in "$pkg" "$pkg/bookworm"; do
    if (cd "$dest.tmp" && apt-get source -q "$spec") >"$dest.tmp.log" 2>&1; then
      ok=1
      break
    fi
    find "$dest.tmp" -mindepth 1 -delete
  done
  if [ $ok = 0 ]; then
    echo "bench/checker: cannot fetch the source package $pkg; apt-get said:" >&2
    grep -E '^(E|W):' "$dest.tmp.log" | head -5 | sed 's/^/  /' >&2
    if grep -q "deb-src" "$dest.tmp.log"; then
      echo "  add a deb-src entry for Debian 12 (bookworm), e.g. /etc/apt/sources.list.d/debian-src.sources:" >&2
      echo "  'Types: deb-src', the URIs and Suites of debian.sources; then apt-get update" >&2
    fi
    rm -rf "$dest.tmp" "$dest.tmp.log"
    exit 1
  fi
  # apt-get source leaves the .dsc, the tarballs and one unpacked tree: keep only the tree.
  tree=$(find "$dest.tmp" -mindepth 1 -maxdepth 1 -type d | head -1)
  [ -n "$tree" ] || { echo "bench/checker: apt-get source $pkg unpacked nothing" >&2; exit 1; }
  mv "$tree" "$dest"
  basename "$tree" >"$dest/.fetched"
  rm -rf "$dest.tmp" "$dest.tmp.log"
  echo "bench/checker: fetched $(cat "$dest/.fetched")"
done
