#!/usr/bin/python3
"""Prints the table of bench/README.md from the outputs of run_all.sh (directory: argv[1] or /tmp/nr-bench-run).
Bounds come from the stream probe of the same run: its norm2 kernel moves 3 words per element (x read twice, y
written once) at the median rate R, so one read of x plus one write of y takes (bytes of x + bytes of y) / R.
For 32x64x56x56 the ratio to the bound is the median over the paired rounds (probe, then kernels, seconds apart),
with the lowest and highest pair beside it."""
import glob
import json
import re
import statistics
import sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/nr-bench-run"


def norm2_rate(path):
    """The probe's median norm2 rate in bytes/s."""
    return float(re.search(r"norm2\(2R\+1W\)\s+\S+\s+(\S+)", open(path).read()).group(1)) * 1e9


def medians(path):
    """Median real time in ms of every benchmark in an nr_bench JSON output."""
    times = {}
    for b in json.load(open(path))["benchmarks"]:
        if b.get("aggregate_name") == "median":
            name = b["run_name"].removesuffix("/real_time")
            times[name] = b["real_time"] if b["time_unit"] == "ms" else b["real_time"] / 1e3
    return times


rate = norm2_rate(f"{out}/stream.txt")
nr = medians(f"{out}/nr_bench.json")
pairs = []  # (rate, times) of each paired round
for path in sorted(glob.glob(f"{out}/pair-*-stream.txt")):
    pairs.append((norm2_rate(path), medians(path.replace("-stream.txt", "-nr.json"))))


def vs_bound(name, t, bound, bytes_per_elem, elems):
    """NR Lab / bound: the paired median (and range) when there are pairs for `name`, else this run's ratio."""
    ratios = [times[name] / (elems * bytes_per_elem / r * 1e3) for r, times in pairs if name in times]
    if not ratios:
        return f"{t / bound:.2f}"
    return f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}, {len(ratios)} pairs)"

torch = json.load(open(f"{out}/torch.json"))
torch.update(json.load(open(f"{out}/torch_extra.json")))


def glmnet(path):
    return {k: float(v) for k, v in re.findall(r"(\w+)=\s*([0-9.]+)", open(path).read())}


g_shared, g_fine = glmnet(f"{out}/glmnet.txt"), glmnet(f"{out}/glmnet_paths.txt")
print(f"stream probe norm2 median {rate / 1e9:.1f} GB/s", end="")
if pairs:
    print(f"; paired rounds {min(r for r, _ in pairs) / 1e9:.1f}–{max(r for r, _ in pairs) / 1e9:.1f} GB/s", end="")
print("\n")
print("| work | NR Lab | anchor | ratio (anchor / NR Lab) | one read + one write bound | NR Lab / bound |")
print("|---|---|---|---|---|---|")
for shape, elems in [("32x64x56x56", 32 * 64 * 56 * 56), ("8x256x28x28", 8 * 256 * 28 * 28)]:
    for kind in ["batch", "layer", "instance", "group"]:
        t, a = nr[f"BM_Normalize/{kind}/{shape}"], torch[f"{kind}/{shape}"]
        bound = elems * 8 / rate * 1e3
        ratio = vs_bound(f"BM_Normalize/{kind}/{shape}", t, bound, 8, elems)
        print(f"| {kind} {shape} | {t:.3g} ms | torch {a:.3g} ms | {a / t:.2f}× | {bound:.3g} ms | {ratio} |")
elems = 32 * 64 * 56 * 56
for kind in ["batch", "layer", "instance", "group"]:
    t, a = nr[f"BM_Normalize/{kind}/32x64x56x56/float64"], torch[f"{kind}/32x64x56x56/float64"]
    bound = elems * 12 / rate * 1e3
    ratio = vs_bound(f"BM_Normalize/{kind}/32x64x56x56/float64", t, bound, 12, elems)
    print(f"| {kind} 32x64x56x56 float64 | {t:.3g} ms | torch {a:.3g} ms | {a / t:.2f}× | {bound:.3g} ms | {ratio} |")
for shape, e in [("32x64x56x56", elems), ("8x256x28x28", 8 * 256 * 28 * 28)]:
    t, a = nr[f"BM_Normalize/axes=N,C/{shape}"], torch[f"axes=N,C/{shape}"]
    bound = e * 8 / rate * 1e3
    print(f"| axes N,C {shape} | {t:.3g} ms | torch (composite) {a:.3g} ms | {a / t:.2f}× | {bound:.3g} ms | "
          f"{t / bound:.2f} |")
for name, key in [("LassoPath/diabetes", "diabetes_lasso"), ("ElasticNetPath/diabetes", "diabetes_enet"),
                  ("LassoPath/1000x200", "1000x200"), ("LassoPath/200x1000", "200x1000"),
                  ("LassoPath/100x5000", "100x5000")]:
    t = nr[f"BM_{name}"]
    fine = g_fine[key]
    shared = f", shared script {g_shared[key]:.3g} ms" if key in g_shared else ""
    print(f"| {name} | {t:.3g} ms | glmnet {fine:.3g} ms{shared} | {fine / t:.2f}× | | |")
