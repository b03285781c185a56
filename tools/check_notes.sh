#!/usr/bin/env bash
# Exports every lesson's note (--export-note) in English and Chinese and converts each Markdown file with pandoc
# (Debian package `pandoc`) to HTML with MathML, as a Markdown viewer would render it. Fails when pandoc cannot
# parse a formula ("Could not convert TeX math"), or a note lacks its image, its display formula or its table.
#   tools/check_notes.sh [BUILD_DIR] [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
OUT=${2:-$(mktemp -d)}
command -v pandoc >/dev/null || { echo "check_notes: needs pandoc (apt-get install pandoc)" >&2; exit 1; }
fail=0
for lang in en zh; do
  mkdir -p "$OUT/$lang"
  for id in $("$BUILD_DIR/app/nrlab" --list-lessons); do
    xvfb-run -a -s '-screen 0 1600x900x24' "$BUILD_DIR/app/nrlab" --lesson "$id" --lang "$lang" \
      --export-note "$OUT/$lang" 2>/dev/null
    md="$OUT/$lang/$id.md"
    html="$OUT/$lang/$id.html"
    warn=$(pandoc -f markdown -t html5 --mathml -s --metadata title="$id" "$md" -o "$html" 2>&1 || true)
    problems=()
    [ -n "$warn" ] && problems+=("pandoc: $warn")
    grep -q "<img src=\"$id.png\"" "$html" || problems+=("no image")
    grep -q "<table" "$html" || problems+=("no parameter table")
    # Every lesson has a formula (Copy LaTeX); it must have become MathML.
    grep -q '<math display="block"' "$html" || problems+=("the formula did not become MathML")
    if [ ${#problems[@]} -gt 0 ]; then
      echo "check_notes: $lang/$id: ${problems[*]}"
      fail=1
    else
      echo "check_notes: $lang/$id ok ($(grep -c '<math' "$html") formula)"
    fi
  done
done
echo "check_notes: notes and HTML in $OUT"
exit $fail
