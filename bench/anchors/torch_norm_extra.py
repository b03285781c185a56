#!/usr/bin/python3
"""Median ms of PyTorch 1-thread normalization for the cases nr_bench adds beside DESIGN.md's names:
float64 input (BM_Normalize/<kind>/32x64x56x56/float64; PyTorch also writes float64, NR Lab writes float32) and the
axis subset N,C (BM_Normalize/axes=N,C/<shape>; PyTorch has no such preset, so it is the eager composite
mean/var over dims (0, 1), then (x - mean) * rsqrt(var + eps)). Same timing as
shared/tools/anchors/torch_norm_times.py. Prints JSON {name: ms}.
Run: /usr/bin/python3 bench/anchors/torch_norm_extra.py (needs Debian's python3-torch)."""
import json
import time

import torch

torch.set_num_threads(1)
F = torch.nn.functional


def median_ms(f, reps):
    for _ in range(3):
        f()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2] * 1e3


out = {}
shape = (32, 64, 56, 56)
x = torch.randn(*shape, dtype=torch.float64)
C = shape[1]
g, b = torch.ones(C, dtype=torch.float64), torch.zeros(C, dtype=torch.float64)
fns = {
    "batch": lambda: F.batch_norm(x, None, None, g, b, training=True, eps=1e-5),
    "layer": lambda: F.layer_norm(x, x.shape[1:], eps=1e-5),
    "instance": lambda: F.instance_norm(x, weight=g, bias=b, eps=1e-5),
    "group": lambda: F.group_norm(x, 32, g, b, 1e-5),
}
for k, f in fns.items():
    out[f"{k}/32x64x56x56/float64"] = median_ms(f, 30)


def nc(t):
    m = t.mean((0, 1), keepdim=True)
    v = t.var((0, 1), unbiased=False, keepdim=True)
    return (t - m) * torch.rsqrt(v + 1e-5)


for s in [(32, 64, 56, 56), (8, 256, 28, 28)]:
    t = torch.randn(*s)
    out["axes=N,C/" + "x".join(map(str, s))] = median_ms(lambda: nc(t), 30 if s[0] == 32 else 100)
print(json.dumps(out))
