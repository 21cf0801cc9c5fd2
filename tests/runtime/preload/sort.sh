#!/usr/bin/env bash
# sort.sh OWN_MALLOC_LIB WORK_DIR: coreutils sort on a generated 31 MB file under own's malloc:
# in memory with two threads, with a small buffer that forces temporary files and merges, by
# keys, unique, and in a UTF-8 locale (strcoll). The sorted files must equal glibc's.
source "$(dirname "$0")/preload.sh" "$@"

# 1 100 000 lines of a number, a word and a decimal, from a fixed seed: the same file every time.
awk 'BEGIN {
  srand(42)
  for (i = 0; i < 1100000; i++) {
    word = ""
    n = 3 + int(rand() * 14)
    for (j = 0; j < n; j++) word = word sprintf("%c", 97 + int(rand() * 26))
    printf "%d\t%s\t%.4f\n", int(rand() * 100000000), word, rand() * 1000
  }
}' >"$work/input.txt"
size=$(wc -c <"$work/input.txt")
[ "$size" -gt 20000000 ] || fail "the generated input has only $size bytes"

run_both sort bash -c '
  in=$1
  LC_ALL=C sort --parallel=2 -o plain.txt "$in"
  LC_ALL=C sort -S 4M -T . -o merged.txt "$in"
  LC_ALL=C sort -t "	" -k2,2 -k1,1n -o keyed.txt "$in"
  LC_ALL=C sort -t "	" -k2,2 -u -o unique.txt "$in"
  LC_ALL=C.UTF-8 sort -t "	" -k3,3gr -o general.txt "$in"
  wc -l plain.txt merged.txt keyed.txt unique.txt general.txt
  LC_ALL=C sort -c plain.txt && echo "plain.txt is sorted"
' sort "$work/input.txt"
same_files sort plain.txt merged.txt keyed.txt unique.txt general.txt
