#!/usr/bin/env bash
# git.sh OWN_MALLOC_LIB WORK_DIR: a git session under own's malloc (every git command and its
# children, pack-objects' threads included): init, 40 commits, a branch and a merge, log, diff,
# blame, grep, gc, fsck and archive. Dates, names and configuration are fixed, so the commit ids
# and every output must equal those under glibc's malloc.
source "$(dirname "$0")/preload.sh" "$@"

cat >"$work/session.sh" <<'SESSION'
set -euo pipefail
export GIT_AUTHOR_NAME=Owner GIT_AUTHOR_EMAIL=owner@example.invalid
export GIT_COMMITTER_NAME=Owner GIT_COMMITTER_EMAIL=owner@example.invalid
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null HOME=$PWD LC_ALL=C TZ=UTC
date_of() { echo "$((1767225600 + $1 * 60)) +0000"; } # 2026-01-01 plus N minutes
git init -q -b main repo
cd repo
for i in $(seq 1 40); do
  export GIT_AUTHOR_DATE=$(date_of "$i") GIT_COMMITTER_DATE=$(date_of "$i")
  mkdir -p "dir$((i % 5))"
  seq 1 $((i * 50)) | sed "s/^/line $i: /" >"dir$((i % 5))/file$i.txt"
  [ $i -gt 1 ] && seq $i 3 2000 >>"dir$(((i - 1) % 5))/file$((i - 1)).txt"
  git add -A
  git commit -q -m "commit $i: file$i"
  if [ $i = 30 ]; then
    git checkout -q -b topic
    sed -i 's/line 7/LINE SEVEN/' dir2/file7.txt
    git commit -q -am "topic: shout line 7"
    git checkout -q main
  fi
done
export GIT_AUTHOR_DATE=$(date_of 100) GIT_COMMITTER_DATE=$(date_of 100)
git merge -q --no-edit topic
git log -n 25 --stat --format='%H %ad %s' --date=iso
git diff HEAD~10 HEAD --stat
git diff HEAD~3 HEAD | sha256sum
git blame -s dir2/file7.txt | tail -n 5
git grep -c 'line 1' -- dir1
git -c gc.auto=0 gc -q --aggressive
git count-objects -v | grep -E '^(count|in-pack|packs)'
git fsck --full --strict --no-progress && echo fsck ok
git archive --format=tar HEAD | sha256sum
git rev-parse HEAD HEAD^{tree}
SESSION

run_both git bash "$work/session.sh"
