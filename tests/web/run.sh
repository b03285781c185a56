#!/usr/bin/env bash
# The web edition's browser test (CTest label "web"; ./dev.sh web test builds the site and runs it):
#   tests/web/run.sh NRLAB OUT_DIR
# NRLAB is the desktop executable (the reference renderings and the desktop half of the share links); OUT_DIR
# receives the screenshots and report.json. Skipped (77) when the web edition has not been built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
site=${NR_WEB_SITE:-$root/build-web/site}
if [ ! -f "$site/nrlab.wasm" ]; then
  echo "no web edition at $site (./dev.sh web build): skipped"
  exit 77
fi
for tool in node npm chromium xvfb-run; do
  command -v "$tool" >/dev/null || { echo "$tool is missing (./dev.sh web test installs it): skipped"; exit 77; }
done
cd "$here"
if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/pngjs/package.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
exec node browser_test.mjs --site "$site" --nrlab "$1" --scenes "$root/assets/scenes" --out "$2"
