#!/usr/bin/env bash
# Frame times of every lesson on this machine's renderer (llvmpipe under Xvfb at 1600x900): the median frame of
# the lesson at rest beside the bare ImGui demo window measured just before it (the issues' target: at most 2×),
# and the p95 while its main parameter changes every frame (--bench-interact; target ≤ 16 ms).
#   tools/frametimes.sh [BUILD_DIR] [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
FRAMES=${2:-300}
run() { xvfb-run -a -s '-screen 0 1600x900x24' "$BUILD_DIR/app/nrlab" --size 1600x900 --bench-frames "$FRAMES" "$@"; }
printf '%-18s %10s %10s %7s %12s %12s\n' lesson median_ms base_ms ratio interact_p95 interact_med
for id in $("$BUILD_DIR/app/nrlab" --list-lessons); do
  base=$(run --lesson "$id" --bench-baseline | python3 -c 'import json,sys; print(json.load(sys.stdin)["median_ms"])')
  still=$(run --lesson "$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["median_ms"])')
  inter=$(run --lesson "$id" --bench-interact | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["p95_ms"], r["median_ms"])')
  python3 -c "import sys; s,b=float('$still'),float('$base'); p,m='$inter'.split(); print('%-18s %10.2f %10.2f %6.2fx %12s %12s' % ('$id', s, b, s/b, p, m))"
done
