#!/usr/bin/env bash
# threads.sh OWN_MALLOC_LIB WORK_DIR THREADS_PROGRAM: threaded programs under own's malloc: the C
# program threads.c (8 threads, remote frees, thread exit, fork) and Python with 8 threads
# allocating at once through malloc; each compared with its run under glibc's malloc.
source "$(dirname "$0")/preload.sh" "$@"
program=${3:?usage: threads.sh OWN_MALLOC_LIB WORK_DIR THREADS_PROGRAM}
run_both threads_c "$program"
run_both python_threads env PYTHONMALLOC=malloc /usr/bin/python3 "$here/churn.py" 8
