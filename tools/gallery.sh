#!/usr/bin/env bash
# Regenerates the README gallery: one screenshot per lesson, docs/screenshots/<lesson>.png (1600x900, English,
# rendered offscreen under Xvfb), and the gallery section of README.md between the <!-- gallery --> markers.
# A training lesson is shown through its first preset that opens already trained ("pretrain"), so the picture
# has curves in it; the others with their defaults.   tools/gallery.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
NRLAB="$BUILD_DIR/app/nrlab"
[ -x "$NRLAB" ] || { echo "gallery: build first (./dev.sh test or cmake --build $BUILD_DIR)" >&2; exit 1; }
mkdir -p docs/screenshots
ids=$("$NRLAB" --list-lessons)
rm -f docs/screenshots/*.png
for id in $ids; do
  scene=$(grep -l '"pretrain"' assets/scenes/"$id"-*.json 2>/dev/null | sort | head -n 1 || true)
  xvfb-run -a -s '-screen 0 1600x900x24' "$NRLAB" --lesson "$id" ${scene:+--scene "$scene"} --size 1600x900 \
    --screenshot "docs/screenshots/$id.png"
  echo "gallery: docs/screenshots/$id.png ${scene:-(defaults)}"
done
python3 - $ids <<'PY'
import re, sys
ids = sys.argv[1:]
readme = open("README.md", encoding="utf-8").read()
rows = ["<!-- gallery -->", "", "| | |", "|---|---|"]
for i in range(0, len(ids), 2):
    cells = [f"**`{x}`**<br>![{x}](docs/screenshots/{x}.png)" for x in ids[i:i + 2]]
    cells += [""] * (2 - len(cells))
    rows.append("| " + " | ".join(cells) + " |")
rows += ["", "<!-- /gallery -->"]
block = "\n".join(rows)
if "<!-- gallery -->" in readme:
    readme = re.sub(r"<!-- gallery -->.*?<!-- /gallery -->", lambda m: block, readme, flags=re.S)
else:
    readme = readme.replace("## Using the app", "## Gallery\n\nRegenerate with `tools/gallery.sh` (needs a build and Xvfb).\n\n"
                            + block + "\n\n## Using the app", 1)
open("README.md", "w", encoding="utf-8").write(readme)
print(f"gallery: README.md shows {len(ids)} lessons")
PY
