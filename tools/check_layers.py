#!/usr/bin/env python3
"""The app's floors, checked from its #include lines: nothing includes a folder above its own.

  shell/ (app, scenes, share links, layout check)  — the top: may include everything below
  lessons/ (views)                                  — kit/, widgets/, gfx/, lesson models, core
  lessons/*_model.* (each lesson's maths)           — core only (and other models): no ImGui, no GL
  widgets/, kit/, gfx/, platform/                   — never shell/ or lessons/ (platform/window runs the app: shell)

Prints every include that runs upward and exits 1 when there is one. Usage: check_layers.py [APP_DIR]
"""
import pathlib
import re
import sys

app = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "app")
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)

def floor(path: pathlib.Path) -> str:
    rel = path.relative_to(app).as_posix()
    if rel.startswith("lessons/") and re.search(r"_model\.(h|cpp)$", rel):
        return "model"
    return rel.split("/")[0] if "/" in rel else "main"

# What each floor may not include (by folder of the included header, or a library header).
forbidden = {
    "model": [r"^shell/", r"^kit/", r"^widgets/", r"^gfx/", r"^platform/", r"^imgui", r"^GL", r"^GLFW",
              r"^lessons/(?!.*_model\.h$)"],
    "lessons": [r"^shell/", r"^platform/"],
    "widgets": [r"^shell/", r"^lessons/", r"^platform/"],
    "kit": [r"^shell/", r"^lessons/", r"^platform/"],
    "gfx": [r"^shell/", r"^lessons/", r"^kit/", r"^widgets/", r"^platform/"],
}

problems = []
for path in sorted(app.rglob("*")):
    if path.suffix not in (".h", ".cpp") or not path.is_file():
        continue
    rules = forbidden.get(floor(path), [])
    for name in include.findall(path.read_text(encoding="utf-8")):
        if any(re.search(rule, name) for rule in rules):
            problems.append(f"{path.relative_to(app)}: includes {name}, a floor above {floor(path)}/")
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"layers ok: {sum(1 for p in app.rglob('*') if p.suffix in ('.h', '.cpp'))} files")
