#!/usr/bin/env bash
# Screenshots of lessons at the sizes teaching uses, both languages, into a folder (default /tmp/shots):
#   tools/shots.sh [OUT_DIR] [lesson ...]      (needs a build and Xvfb)
set -euo pipefail
out=${1:-/tmp/shots}
shift || true
lessons=("$@")
[ ${#lessons[@]} -eq 0 ] && mapfile -t lessons < <(build/app/nrlab --list-lessons)
mkdir -p "$out"
for l in "${lessons[@]}"; do
  for lang in en zh; do
    for mode in "1280x720 2 --presenter" "1366x768 1" "1920x1080 2"; do
      set -- $mode
      name="$out/$l-$1-s$2${3:+-presenter}-$lang.png"
      xvfb-run -a -s '-screen 0 2560x1440x24' build/app/nrlab --lesson "$l" --size "$1" --scale "$2" ${3:-} \
        --lang "$lang" --screenshot "$name" &
    done
    wait
  done
done
