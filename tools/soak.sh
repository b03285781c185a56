#!/usr/bin/env bash
# Soak run (not a CI test): the training-lab lesson trains while the app renders 10⁴ frames under Xvfb, its L2
# toggled every 10 frames (--bench-interact), which also trains it for well over 10⁶ steps. Passes when it trained
# at least 10⁶ steps and resident memory grew by less than 5 MB between the warm-up (frame 1000) and the end.
#   tools/soak.sh [BUILD_DIR] [FRAMES]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
FRAMES=${2:-10000}
out=$(xvfb-run -a -s '-screen 0 1600x900x24' "$BUILD_DIR/app/nrlab" --lesson training-lab \
  --bench-frames "$FRAMES" --bench-interact)
echo "$out"
python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
steps = r["lesson_stats"]["train_steps"]
growth = (r["rss_end_kb"] - r["rss_warm_kb"]) / 1024
print(f"soak: {r['frames']} frames, {steps} training steps, {r['lesson_stats']['epochs']} epochs, "
      f"history {r['lesson_stats']['history_records']} records, RSS {r['rss_warm_kb'] / 1024:.1f} -> "
      f"{r['rss_end_kb'] / 1024:.1f} MB (growth {growth:+.2f} MB), median frame {r['median_ms']} ms")
ok = steps >= 1_000_000 and growth < 5.0 and not r["lesson_stats"]["diverged"]
print("soak: PASS" if ok else "soak: FAIL (needs >= 1e6 steps, < 5 MB growth, no divergence)")
sys.exit(0 if ok else 1)
PY
