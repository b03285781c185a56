#!/usr/bin/python3
"""Tools for NR Lab's text catalogs (assets/i18n/<code>.json).

    texts.py stale [CODE ...]              list the translations whose English text changed since they were made
    texts.py refresh CODE KEY [KEY ...]    after updating those translations: record the current English text's
                                           hash for them (--all: for every key of CODE)
    texts.py add CODE "Name"               start a new language: a copy of English to translate, with no hashes
                                           yet (the UI test names the entries until "refresh CODE --all")
    texts.py pseudo [--out DIR] [--code xx]  the pseudo-locale: every English text about 40 % longer, accented,
                                           printf conversions kept; drop it into NR_TEXT_DIR to look at the layout

A translation's "source" maps each key to the 32-bit FNV-1a hash (8 hex digits) of the English text it was
translated from; the UI test (i18n_catalog_test.cpp) names every entry whose English has changed since. The catalogs
keep their key order; texts are written as UTF-8, one per line. Standard library only.
"""
import argparse
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CATALOGS = os.path.join(ROOT, "assets", "i18n")


def text_hash(text):
    h = 0x811C9DC5
    for b in text.encode("utf-8"):
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return f"{h:08x}"


def path_of(code):
    return os.path.join(CATALOGS, code + ".json")


def load(code):
    with open(path_of(code), encoding="utf-8") as fh:
        return json.load(fh)


def save(catalog):
    path = path_of(catalog["code"])
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(catalog, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    os.replace(tmp, path)


def translations():
    return sorted(f[:-5] for f in os.listdir(CATALOGS) if f.endswith(".json") and f != "en.json")


def stale_keys(english, catalog):
    source = catalog.get("source", {})
    return [k for k in catalog["strings"] if k in english and source.get(k) != text_hash(english[k])]


def cmd_stale(args):
    english = load("en")["strings"]
    found = 0
    for code in args.codes or translations():
        catalog = load(code)
        for key in stale_keys(english, catalog):
            found += 1
            print(f"{code}: {key}\n  en: {english[key]}\n  {code}: {catalog['strings'][key]}")
    print(f"{found} stale translation(s)", file=sys.stderr)
    return 1 if found else 0


def cmd_refresh(args):
    english = load("en")["strings"]
    catalog = load(args.code)
    keys = list(catalog["strings"]) if args.all else args.keys
    unknown = [k for k in keys if k not in english or k not in catalog["strings"]]
    if unknown:
        sys.exit(f"texts.py: not in en.json and {args.code}.json: {', '.join(unknown)}")
    source = catalog.setdefault("source", {})
    for k in keys:
        source[k] = text_hash(english[k])
    catalog["source"] = {k: source[k] for k in catalog["strings"] if k in source}  # the strings' order
    save(catalog)
    print(f"{args.code}.json: {len(keys)} hash(es) recorded")
    return 0


def cmd_add(args):
    if os.path.exists(path_of(args.code)):
        sys.exit(f"texts.py: {path_of(args.code)} exists already")
    english = load("en")["strings"]
    save({"code": args.code, "language": args.name, "strings": dict(english), "source": {}})
    print(f"wrote {path_of(args.code)}: translate every text, then record what it translates with: "
          f"texts.py refresh {args.code} --all")
    return 0


# The pseudo-locale: the same transformation as tests/ui/pseudo_locale.h.
LOWER = "áḃçđéḟĝḣịĵķḷɱñóþǫṙšţúṽŵẋýž"
UPPER = "ÁḂÇĐÉḞĜḢỊĴĶḶṀÑÓÞǪṘŠŢÚṼŴẊÝŽ"


def accent(c):
    if "a" <= c <= "z":
        return LOWER[ord(c) - ord("a")]
    if "A" <= c <= "Z":
        return UPPER[ord(c) - ord("A")]
    return c


def padding(n):
    return "".join(" " if i % 5 == 0 and n > 1 else "ẋ" for i in range(n))


def pseudo_line(line, tex_only):
    out, i, in_text, depth, last_close = "", 0, False, 0, None
    while i < len(line):
        c = line[i]
        if c == "%":
            j = i + 1
            while j < len(line) and line[j] in "-+#0'.0123456789*hlLzjt":
                j += 1
            out += line[i:j + 1]
            i = j + 1
            continue
        if c == "\\":
            j = i + 1
            while j < len(line) and line[j].isascii() and line[j].isalpha():
                j += 1
            if j == i + 1 and j < len(line):
                j += 1
            out += line[i:j]
            if line[i:j] == "\\text" and j < len(line) and line[j] == "{":
                out += "{"
                in_text, depth = True, 1
                j += 1
            i = j
            continue
        if in_text and c == "{":
            depth += 1
        if in_text and c == "}":
            depth -= 1
            if depth == 0:
                in_text = False
                last_close = len(out)
        out += accent(c) if (not tex_only or in_text) else c
        i += 1
    extra = padding(math.ceil(0.4 * len(line)))
    if tex_only and last_close is not None:
        return out[:last_close] + extra + out[last_close:]
    return out + extra


def pseudo(text):
    tex_only = "\\text{" in text
    return "\n".join(pseudo_line(line, tex_only) for line in text.split("\n"))


def cmd_pseudo(args):
    english = load("en")["strings"]
    catalog = {"code": args.code, "language": pseudo("Pseudo-locale") + f" ({args.code})",
               "strings": {k: pseudo(v) for k, v in english.items()}}
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, args.code + ".json")
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(catalog, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    print(f"wrote {path}; try: NR_TEXT_DIR={args.out} nrlab --lang {args.code}")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.replace("%", "%%"),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("stale")
    p.add_argument("codes", nargs="*")
    p.set_defaults(run=cmd_stale)
    p = sub.add_parser("refresh")
    p.add_argument("code")
    p.add_argument("keys", nargs="*")
    p.add_argument("--all", action="store_true")
    p.set_defaults(run=cmd_refresh)
    p = sub.add_parser("add")
    p.add_argument("code")
    p.add_argument("name")
    p.set_defaults(run=cmd_add)
    p = sub.add_parser("pseudo")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "pseudo-locale"))
    p.add_argument("--code", default="xx")
    p.set_defaults(run=cmd_pseudo)
    args = ap.parse_args()
    if args.command == "refresh" and not args.keys and not args.all:
        ap.error("refresh: name the keys whose translation you updated, or --all")
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
