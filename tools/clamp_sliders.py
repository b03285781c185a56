#!/usr/bin/env python3
"""Adds ImGuiSliderFlags_AlwaysClamp to every ImGui::Slider{Float,Int,Double,Scalar} call under app/.

Without the flag, Ctrl+click on a slider lets a user type any number (1e30, or a huge layer count) past its
range. tests/ui/app_test.cpp (Controls.EverySliderClampsTypedValues) fails when a call lacks the flag; this
script fixes them: python3 tools/clamp_sliders.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CALL = re.compile(r"ImGui::Slider(Float|Int)\(")


def split_args(text, start):
    """Returns (args, end) for the call whose '(' is at text[start]."""
    depth, args, cur, i, in_str = 0, [], [], start, False
    while True:
        ch = text[i]
        if in_str:
            cur.append(ch)
            if ch == "\\":
                cur.append(text[i + 1])
                i += 1
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
            cur.append(ch)
        elif ch in "([{":
            depth += 1
            if depth > 1:
                cur.append(ch)
        elif ch in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur))
                return args, i
            cur.append(ch)
        elif ch == "," and depth == 1:
            args.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
        i += 1


def fix(text):
    out, pos, changed = [], 0, 0
    for m in CALL.finditer(text):
        if m.start() < pos:
            continue
        open_paren = m.end() - 1
        args, end = split_args(text, open_paren)
        if "AlwaysClamp" in "".join(args):
            continue
        kind = m.group(1)
        if len(args) == 4:
            args.append(' "%d"' if kind == "Int" else ' "%.3f"')
        if len(args) == 5:
            args.append(" ImGuiSliderFlags_AlwaysClamp")
        else:
            args[5] = args[5].rstrip() + " | ImGuiSliderFlags_AlwaysClamp"
        out.append(text[pos:open_paren + 1] + ",".join(args) + ")")
        pos = end + 1
        changed += 1
    out.append(text[pos:])
    return "".join(out), changed


total = 0
for path in sorted((ROOT / "app").rglob("*.cpp")):
    text = path.read_text()
    new, n = fix(text)
    if n:
        path.write_text(new)
        print(f"{path.relative_to(ROOT)}: {n}")
        total += n
print(f"{total} slider calls clamped", file=sys.stderr)
