#!/usr/bin/env bash
# make bench: every benchmark of own against its peers, in one run. Usage: bench/run.sh BUILD_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: bench/run.sh BUILD_DIR}" && pwd)
status=0
for part in heap owner run checker; do
  if [ -x "$here/$part/run.sh" ]; then
    echo "==== bench/$part ===="
    "$here/$part/run.sh" "$build" || { echo "bench/$part failed" >&2; status=1; }
  fi
done
exit $status
