#!/usr/bin/env bash
# python.sh OWN_MALLOC_LIB WORK_DIR: Debian's python3 running churn.py under own's malloc, with
# Python's small-object allocator (which takes arenas from mmap) and with PYTHONMALLOC=malloc
# (every object from malloc), each compared with its run under glibc's malloc.
source "$(dirname "$0")/preload.sh" "$@"
run_both python /usr/bin/python3 "$here/churn.py"
run_both python_malloc env PYTHONMALLOC=malloc /usr/bin/python3 "$here/churn.py"
