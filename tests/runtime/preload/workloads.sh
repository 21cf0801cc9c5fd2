#!/usr/bin/env bash
# workloads.sh OWN_MALLOC_LIB WORK_DIR WORKLOAD...: bench/heap's allocation workloads, at a twentieth
# of their benchmark size, under own's malloc. Each checks every block it frees and prints a
# checksum that must equal the one under glibc's malloc.
source "$(dirname "$0")/preload.sh" "$@"
shift 2
[ $# -gt 0 ] || fail "no workload programs given"
for program in "$@"; do
  run_both "$(basename "$program")" "$program" 0.05
done
