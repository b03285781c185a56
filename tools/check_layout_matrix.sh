#!/usr/bin/env bash
# Runs nrlab --check-layout over the sizes, UI scales, modes and languages teaching uses (every combination whose
# logical size, size ÷ scale, is at least 640x360) and prints the lessons with violations. Exit 1 if any.
#   tools/check_layout_matrix.sh [path/to/nrlab] [extra --check-layout arguments, e.g. --lesson pruning]
set -uo pipefail
exe=${1:-build/app/nrlab}
shift || true
status=0
for size in 1024x640 1280x720 1366x768 1600x900 1920x1080 2560x1440; do
  w=${size%x*}; h=${size#*x}
  for scale in 1 1.5 2 3; do
    awk -v w="$w" -v h="$h" -v s="$scale" 'BEGIN { exit !(w / s >= 640 && h / s >= 360) }' || continue
    for presenter in "" --presenter; do
      for lang in en zh; do
        out=$("$exe" --check-layout "$size" --scale "$scale" $presenter --lang "$lang" "$@")
        rc=$?
        if [ $rc -gt 1 ]; then
          echo "nrlab --check-layout $size --scale $scale $presenter --lang $lang failed with status $rc" >&2
          status=2
        elif [ $rc -eq 1 ]; then
          status=1
        fi
        [ -n "$out" ] && { grep -v '"violations":\[\]' <<<"$out" || true; }
      done
    done
  done
done
exit $status
