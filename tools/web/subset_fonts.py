#!/usr/bin/python3
"""Cuts the web edition's fonts down to the characters NR Lab's texts use.

    subset_fonts.py --out DIR --texts PATH [PATH ...]

Reads every .cpp, .h and .json file under the PATHs, collects their non-ASCII characters (the text catalogs,
formulas, presets), adds printable ASCII and Latin-1, and writes
  DIR/DejaVuSans.ttf       DejaVu Sans with the Latin, Greek and symbol characters among them
  DIR/NotoSansCJKsc.otf    the Simplified Chinese face of Noto Sans CJK (face 2 of the .ttc) with the rest
using fontTools' subsetter (Debian's python3-fonttools). Font files come from fonts-dejavu-core and fonts-noto-cjk.
"""
import argparse
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_SC_FACE = 2  # the .ttc's faces: JP, KR, SC, TC, HK; face 0 would draw some characters in Japanese forms


def text_characters(paths):
    chars = set(chr(c) for c in range(0x20, 0x7F)) | set(chr(c) for c in range(0xA0, 0x100))
    for root in paths:
        files = [root] if os.path.isfile(root) else [
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith((".cpp", ".h", ".json"))]
        for f in files:
            with open(f, encoding="utf-8") as fh:
                chars.update(c for c in fh.read() if ord(c) >= 0x80)
    return chars


def subset_font(path, face, chars, out):
    font = TTFont(path, fontNumber=face, lazy=False)
    cmap = font.getBestCmap()
    keep = sorted(c for c in chars if ord(c) in cmap)
    options = subset.Options()
    options.layout_features = ["*"]  # keep composition (x̂) and CJK punctuation width features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False          # ImGui rasterizes with stb_truetype, which ignores hints
    options.desubroutinize = True    # smaller after compression
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in keep])
    subsetter.subset(font)
    tmp = out + ".tmp"
    font.save(tmp)
    os.replace(tmp, out)
    return keep


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--texts", nargs="+", required=True)
    args = ap.parse_args()
    for path in (DEJAVU, NOTO_CJK):
        if not os.path.exists(path):
            sys.exit(f"subset_fonts.py: {path} is missing: install fonts-dejavu-core and fonts-noto-cjk")
    os.makedirs(args.out, exist_ok=True)
    chars = text_characters(args.texts)
    latin = subset_font(DEJAVU, 0, chars, os.path.join(args.out, "DejaVuSans.ttf"))
    rest = set(chars) - set(latin) | set("中文，。：；（）“”、！？")
    cjk = subset_font(NOTO_CJK, NOTO_SC_FACE, rest, os.path.join(args.out, "NotoSansCJKsc.otf"))
    print(f"subset_fonts.py: DejaVu Sans {len(latin)} characters, Noto Sans CJK SC {len(cjk)} characters")


if __name__ == "__main__":
    main()
