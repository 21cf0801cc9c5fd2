#!/usr/bin/env bash
# libc_calls.sh OWN_MALLOC_LIB WORK_DIR LIBC_CALLS_PROGRAM: the malloc family's contract and libc's
# own allocations (libc_calls.c) under own's malloc, compared with glibc's malloc.
source "$(dirname "$0")/preload.sh" "$@"
run_both libc_calls "${3:?usage: libc_calls.sh OWN_MALLOC_LIB WORK_DIR LIBC_CALLS_PROGRAM}"
