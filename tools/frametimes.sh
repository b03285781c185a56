#!/usr/bin/env bash
# Frame times of every lesson on this machine's renderer (llvmpipe under Xvfb at 1600x900), beside the bare ImGui
# demo window measured just before it (the issues' target: median at most 2× it; p95 ≤ 16 ms while the main
# parameter changes every frame, --bench-interact). Each figure is given as the app runs (redrawing only what
# changed) and with every frame drawn whole (--bench-full-redraw), the cost of a frame where everything changed.
#   tools/frametimes.sh [BUILD_DIR] [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
FRAMES=${2:-300}
run() { xvfb-run -a -s '-screen 0 1600x900x24' "$BUILD_DIR/app/nrlab" --size 1600x900 --bench-frames "$FRAMES" "$@"; }
field() { python3 -c "import json,sys; r=json.load(sys.stdin); print(' '.join(str(r[k]) for k in sys.argv[1:]))" "$@"; }
printf '%-18s %8s | %8s %6s %8s | %8s %6s %8s | %8s %6s\n' lesson base_ms still_ms ratio whole_ms \
  inter_p95 share whole_p95 inter_med whole_med
for id in $("$BUILD_DIR/app/nrlab" --list-lessons); do
  base=$(run --lesson "$id" --bench-baseline | field median_ms)
  still=$(run --lesson "$id" | field median_ms)
  whole=$(run --lesson "$id" --bench-full-redraw | field median_ms)
  read -r ip95 imed ishare < <(run --lesson "$id" --bench-interact | field p95_ms median_ms redrawn_share)
  read -r wp95 wmed < <(run --lesson "$id" --bench-interact --bench-full-redraw | field p95_ms median_ms)
  python3 -c "import sys; b,s=float('$base'),float('$still'); print('%-18s %8.2f | %8.2f %5.2fx %8.2f | %8s %6s %8s | %8s %6s' % ('$id', b, s, s/b, float('$whole'), '$ip95', '$ishare', '$wp95', '$imed', '$wmed'))"
done
