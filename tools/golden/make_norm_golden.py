#!/usr/bin/python3
"""Golden reference data for nr::core::normalize and nr::core::RunningStats, computed by PyTorch.

Run with Debian's interpreter (python3-torch, torch 1.13):  /usr/bin/python3 tools/golden/make_norm_golden.py
It rewrites tests/data/golden/norm/ (about 0.3 MB). The output is deterministic: inputs come from numpy's PCG64
seeded by a CRC of the case name, so adding a case does not change the others.

Why float64: the reference output `y` is PyTorch run in float64 on the float32 input cast to float64, i.e. the
exact answer for the stored input up to ~1e-15. PyTorch's own float32 output is stored as `y_torch32` only so that
the tests can print how far PyTorch itself is from the reference (informative, never asserted).

Group statistics are computed separately with numpy in float64 (biased variance) and stored in the order of
nr::core::GroupIndexer: batch -> per channel c; layer -> per sample n; instance -> n*C + c; group -> n*G + g.
The script cross-checks them against PyTorch's output (y rebuilt from them must agree to 1e-10).

Layout of tests/data/golden/norm/:
  cases.json                 list of cases (see add_case) with the file names of each
  <case>_{x,y,y_torch32,gamma,beta,mean,var}.npy
  running/running.json       BatchNorm running-statistics sequences (see make_running)
  running/<case>_*.npy
"""

import json
import os
import shutil
import zlib

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "golden", "norm")
RUN_OUT = os.path.join(OUT, "running")


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode("utf-8")))


def save(folder, fname, arr):
    np.save(os.path.join(folder, fname), np.ascontiguousarray(arr))
    return fname


def canonical4(x):
    """(N,C) -> (N,C,1,1); (N,C,L) -> (N,C,L,1): the Tensor class's canonical view."""
    while x.ndim < 4:
        x = x[..., None]
    return x


def numpy_group_stats(x64, kind, groups):
    """Per-group mean and biased variance in GroupIndexer order, from the float64 copy of the input."""
    x4 = canonical4(x64)
    n, c = x4.shape[0], x4.shape[1]
    if kind == "batch":
        rows = x4.transpose(1, 0, 2, 3).reshape(c, -1)
    elif kind == "layer":
        rows = x4.reshape(n, -1)
    elif kind == "instance":
        rows = x4.reshape(n * c, -1)
    elif kind == "group":
        rows = x4.reshape(n * groups, -1)
    else:
        raise ValueError(kind)
    mean = rows.mean(axis=1)
    var = ((rows - mean[:, None]) ** 2).mean(axis=1)
    return mean, var


def numpy_normalize(x64, kind, groups, eps, gamma, beta):
    """Independent float64 formula, only to cross-check the PyTorch call and the statistics order."""
    x4 = canonical4(x64)
    n, c = x4.shape[0], x4.shape[1]
    mean, var = numpy_group_stats(x64, kind, groups)
    inv = 1.0 / np.sqrt(var + eps)
    ni, ci = np.meshgrid(np.arange(n), np.arange(c), indexing="ij")
    if kind == "batch":
        g = ci
    elif kind == "layer":
        g = ni
    elif kind == "instance":
        g = ni * c + ci
    else:
        g = ni * groups + ci // (c // groups)
    y = (x4 - mean[g][:, :, None, None]) * inv[g][:, :, None, None]
    y = y * gamma[None, :, None, None] + beta[None, :, None, None]
    return y.reshape(x64.shape)


def torch_normalize(x, kind, groups, eps, gamma, beta):
    """PyTorch's own functional for the preset; x, gamma, beta are tensors of one dtype (or gamma/beta None)."""
    if kind == "batch":
        return F.batch_norm(x, None, None, gamma, beta, training=True, eps=eps)
    if kind == "layer":
        # Our LayerNorm has per-channel γ/β (as the other presets); PyTorch's elementwise weight over (C,H,W)
        # holding γ_c in every position of channel c is the same thing.
        shape = tuple(x.shape[1:])
        w = b = None
        if gamma is not None:
            view = (-1,) + (1,) * (x.dim() - 2)
            w = gamma.reshape(view).expand(shape).contiguous()
            b = beta.reshape(view).expand(shape).contiguous()
        return F.layer_norm(x, shape, w, b, eps=eps)
    if kind == "instance":
        return F.instance_norm(x, weight=gamma, bias=beta, eps=eps)
    if kind == "group":
        return F.group_norm(x, groups, gamma, beta, eps=eps)
    raise ValueError(kind)


def make_input(rng, shape, offset=0.0):
    """float32 randn with a different scale and shift per channel (so channel mix-ups show), or 1e4 + randn."""
    c = shape[1]
    z = rng.standard_normal(shape)
    if offset:
        return (offset + z).astype(np.float32)
    scale = rng.uniform(0.5, 2.0, size=c)
    shift = rng.uniform(-2.0, 2.0, size=c)
    view = (1, c) + (1,) * (len(shape) - 2)
    return (z * scale.reshape(view) + shift.reshape(view)).astype(np.float32)


def make_affine(rng, c):
    """γ with magnitudes in [0.5, 2] and random signs (some negative), β in [-1, 1]; float32."""
    mag = rng.uniform(0.5, 2.0, size=c)
    sign = np.where(rng.uniform(size=c) < 0.35, -1.0, 1.0)
    sign[0] = -1.0  # at least one negative γ in every affine case
    gamma = (mag * sign).astype(np.float32)
    beta = rng.uniform(-1.0, 1.0, size=c).astype(np.float32)
    return gamma, beta


CASES = []


def add_case(name, kind, shape, groups=1, eps=1e-5, affine=True, offset=0.0, constant_channel=-1):
    rng = rng_for(name)
    shape = tuple(shape)
    c = shape[1]
    x = make_input(rng, shape, offset)
    if constant_channel >= 0:
        # Every value of one channel equal, and not a dyadic number (0.1f), so an implementation that folds the
        # normalization into y = x·s + (β − μ·s) is caught: only (x − μ) = 0 exactly gives y = β exactly.
        x[:, constant_channel, ...] = np.float32(0.1)
    gamma, beta = make_affine(rng, c) if affine else (np.ones(c, np.float32), np.zeros(c, np.float32))

    x64 = x.astype(np.float64)
    g64 = torch.from_numpy(gamma.astype(np.float64)) if affine else None
    b64 = torch.from_numpy(beta.astype(np.float64)) if affine else None
    y = torch_normalize(torch.from_numpy(x64), kind, groups, eps, g64, b64).numpy()
    g32 = torch.from_numpy(gamma) if affine else None
    b32 = torch.from_numpy(beta) if affine else None
    y32 = torch_normalize(torch.from_numpy(x), kind, groups, eps, g32, b32).numpy()
    assert y.dtype == np.float64 and y32.dtype == np.float32

    mean, var = numpy_group_stats(x64, kind, groups)
    y_np = numpy_normalize(x64, kind, groups, eps, gamma.astype(np.float64), beta.astype(np.float64))
    # Both are float64 computations; with x = 1e4 + randn, (x − μ) alone carries ~ulp(1e4) = 2e-12 of rounding.
    check = np.max(np.abs(y_np - y))
    assert check < 1e-10 * max(1.0, np.max(np.abs(y))), (name, check)

    if constant_channel >= 0:
        got = y[:, constant_channel, ...]
        exact = np.all(got == np.float64(beta[constant_channel]))
        print(f"  {name}: PyTorch float64 gives exactly beta on the constant channel: {exact}"
              f" (max deviation {np.max(np.abs(got - beta[constant_channel])):.3g})")
        # The reference is the definition: (x − μ) is exactly 0 there, so y is exactly β.
        y[:, constant_channel, ...] = np.float64(beta[constant_channel])

    files = {
        "x": save(OUT, f"{name}_x.npy", x),
        "y": save(OUT, f"{name}_y.npy", y),
        "y_torch32": save(OUT, f"{name}_y_torch32.npy", y32),
        "mean": save(OUT, f"{name}_mean.npy", mean),
        "var": save(OUT, f"{name}_var.npy", var),
    }
    if affine:
        files["gamma"] = save(OUT, f"{name}_gamma.npy", gamma)
        files["beta"] = save(OUT, f"{name}_beta.npy", beta)
    torch_err = float(np.max(np.abs(y32.astype(np.float64) - y)))
    CASES.append({
        "name": name,
        "kind": kind,
        "groups": groups,
        "eps": eps,
        "shape": list(shape),
        "has_affine": affine,
        "offset": offset,
        "constant_channel": constant_channel,
        "files": files,
        "torch32_max_abs_err": torch_err,
    })


def make_cases():
    # BatchNorm (training mode). PyTorch refuses one value per channel, so N=1 only with H*W > 1.
    add_case("batch_r2_8x5", "batch", (8, 5))
    add_case("batch_r2_c1_6x1", "batch", (6, 1), eps=1e-3)
    add_case("batch_r3_4x3x7", "batch", (4, 3, 7), eps=1e-3)
    add_case("batch_r4_2x4x3x5", "batch", (2, 4, 3, 5))
    add_case("batch_r4_n1_1x3x4x4", "batch", (1, 3, 4, 4))
    add_case("batch_r4_c1_5x1x3x3", "batch", (5, 1, 3, 3))
    add_case("batch_r4_hw1_6x4x1x1", "batch", (6, 4, 1, 1))
    add_case("batch_r4_odd_3x5x7x3", "batch", (3, 5, 7, 3), eps=0.1)
    add_case("batch_r4_noaffine_3x2x4x4", "batch", (3, 2, 4, 4), affine=False)
    # LayerNorm over all non-batch dims (C,H,W).
    add_case("layer_r2_4x6", "layer", (4, 6))
    add_case("layer_r2_c1_5x1", "layer", (5, 1))  # one element per group: x̂ = 0, y = β
    add_case("layer_r3_3x4x5", "layer", (3, 4, 5), eps=1e-3)
    add_case("layer_r4_2x3x4x5", "layer", (2, 3, 4, 5))
    add_case("layer_r4_n1_1x4x3x3", "layer", (1, 4, 3, 3))
    add_case("layer_r4_c1_3x1x5x5", "layer", (3, 1, 5, 5))
    add_case("layer_r4_hw1_4x6x1x1", "layer", (4, 6, 1, 1), eps=0.1)
    add_case("layer_r4_odd_3x5x7x3", "layer", (3, 5, 7, 3), eps=0.1)
    add_case("layer_r4_noaffine_2x3x3x3", "layer", (2, 3, 3, 3), affine=False)
    # InstanceNorm. PyTorch needs more than one spatial element, so no rank 2 and no H=W=1.
    add_case("instance_r3_3x4x6", "instance", (3, 4, 6))
    add_case("instance_r4_2x3x4x5", "instance", (2, 3, 4, 5), eps=1e-3)
    add_case("instance_r4_n1_1x3x5x5", "instance", (1, 3, 5, 5))
    add_case("instance_r4_c1_4x1x3x3", "instance", (4, 1, 3, 3))
    add_case("instance_r4_odd_3x5x7x3", "instance", (3, 5, 7, 3), eps=0.1)
    add_case("instance_r4_hw2_3x4x1x2", "instance", (3, 4, 1, 2))
    add_case("instance_r4_noaffine_2x2x3x3", "instance", (2, 2, 3, 3), affine=False)
    # GroupNorm: G = 1 (LayerNorm-like), G = C (InstanceNorm-like) and intermediate G.
    add_case("group_r4_g1_2x6x3x3", "group", (2, 6, 3, 3), groups=1)
    add_case("group_r4_g2_2x6x3x3", "group", (2, 6, 3, 3), groups=2)
    add_case("group_r4_g3_2x6x3x3", "group", (2, 6, 3, 3), groups=3, eps=1e-3)
    add_case("group_r4_g6_2x6x3x3", "group", (2, 6, 3, 3), groups=6)
    add_case("group_r2_g3_4x6", "group", (4, 6), groups=3)
    add_case("group_r3_g2_3x4x5", "group", (3, 4, 5), groups=2, eps=0.1)
    add_case("group_r4_n1_g2_1x4x3x3", "group", (1, 4, 3, 3), groups=2)
    add_case("group_r4_c1_g1_2x1x4x4", "group", (2, 1, 4, 4), groups=1)
    add_case("group_r4_hw1_g4_4x8x1x1", "group", (4, 8, 1, 1), groups=4)
    add_case("group_r4_odd_g5_3x5x7x3", "group", (3, 5, 7, 3), groups=5, eps=0.1)
    add_case("group_r4_odd_g1_3x5x7x3", "group", (3, 5, 7, 3), groups=1, eps=1e-3)
    add_case("group_r4_noaffine_g2_2x4x3x3", "group", (2, 4, 3, 3), groups=2, affine=False)
    # x = 1e4 + randn in float32: float32 accumulation loses the variance here; double accumulation does not.
    add_case("offset_batch_4x4x5x5", "batch", (4, 4, 5, 5), offset=1e4)
    add_case("offset_layer_4x4x5x5", "layer", (4, 4, 5, 5), offset=1e4)
    add_case("offset_instance_4x4x5x5", "instance", (4, 4, 5, 5), offset=1e4)
    add_case("offset_group_g2_4x4x5x5", "group", (4, 4, 5, 5), groups=2, offset=1e4)
    # One constant channel: σ² = 0 for its groups, so y must be exactly β there whatever ε is.
    add_case("const_batch_3x4x3x3", "batch", (3, 4, 3, 3), constant_channel=2)
    add_case("const_instance_2x3x4x4", "instance", (2, 3, 4, 4), constant_channel=1, eps=1e-3)
    add_case("const_group_g4_2x4x3x3", "group", (2, 4, 3, 3), groups=4, constant_channel=0)
    add_case("const_batch_r2_5x3", "batch", (5, 3), constant_channel=1, eps=0.1)


RUNNING = []


def make_running(name, batch_shape, momentum, eps=1e-5, affine=True, steps=5):
    """A BatchNorm{1d,2d} module in float64 and train mode sees `steps` batches, then one eval-mode input.

    Files (C = channels, P = elements of one batch):
      x (steps, P) float32    the batches, each reshaped to batch_shape
      train_y (steps, P)      float64 training-mode outputs
      running_mean/var (steps, C) float64, after each step
      eval_x (P) float32, eval_y (P) float64
      gamma, beta (C) float32 if affine
    """
    rng = rng_for("running_" + name)
    c = batch_shape[1]
    # Channel means well away from 0 and variances away from 1, so the running estimates move visibly.
    xs = np.stack([make_input(rng, batch_shape) for _ in range(steps)])
    eval_x = make_input(rng, batch_shape)
    gamma, beta = make_affine(rng, c) if affine else (None, None)

    module = torch.nn.BatchNorm2d if len(batch_shape) == 4 else torch.nn.BatchNorm1d
    bn = module(c, eps=eps, momentum=momentum, affine=affine).double()
    if affine:
        with torch.no_grad():
            bn.weight.copy_(torch.from_numpy(gamma.astype(np.float64)))
            bn.bias.copy_(torch.from_numpy(beta.astype(np.float64)))
    bn.train()
    means, vars_, ys = [], [], []
    with torch.no_grad():
        for k in range(steps):
            ys.append(bn(torch.from_numpy(xs[k].astype(np.float64))).numpy().reshape(-1))
            means.append(bn.running_mean.numpy().copy())
            vars_.append(bn.running_var.numpy().copy())
        bn.eval()
        eval_y = bn(torch.from_numpy(eval_x.astype(np.float64))).numpy().reshape(-1)
    assert int(bn.num_batches_tracked) == steps

    files = {
        "x": save(RUN_OUT, f"{name}_x.npy", xs.reshape(steps, -1)),
        "train_y": save(RUN_OUT, f"{name}_train_y.npy", np.stack(ys)),
        "running_mean": save(RUN_OUT, f"{name}_running_mean.npy", np.stack(means)),
        "running_var": save(RUN_OUT, f"{name}_running_var.npy", np.stack(vars_)),
        "eval_x": save(RUN_OUT, f"{name}_eval_x.npy", eval_x.reshape(-1)),
        "eval_y": save(RUN_OUT, f"{name}_eval_y.npy", eval_y),
    }
    if affine:
        files["gamma"] = save(RUN_OUT, f"{name}_gamma.npy", gamma)
        files["beta"] = save(RUN_OUT, f"{name}_beta.npy", beta)
    RUNNING.append({
        "name": name,
        "module": module.__name__,
        "batch_shape": list(batch_shape),
        "channels": c,
        "momentum": momentum,
        "eps": eps,
        "steps": steps,
        "has_affine": affine,
        "batches_tracked": int(bn.num_batches_tracked),
        "files": files,
    })


def make_running_cases():
    make_running("bn2d_4x3x5x5_m01", (4, 3, 5, 5), 0.1)
    make_running("bn2d_4x3x5x5_m03", (4, 3, 5, 5), 0.3)
    make_running("bn1d_2x3x4_m01", (2, 3, 4), 0.1, eps=1e-3)
    make_running("bn1d_2x3x4_m03_noaffine", (2, 3, 4), 0.3, affine=False)
    make_running("bn1d_6x4_m03", (6, 4), 0.3)


def write_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def main():
    torch.set_num_threads(1)
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(RUN_OUT)
    make_cases()
    write_json(os.path.join(OUT, "cases.json"), {
        "generator": "tools/golden/make_norm_golden.py",
        "torch": torch.__version__,
        "numpy": np.__version__,
        "stats_order": "batch: c; layer: n; instance: n*C+c; group: n*G+g (GroupIndexer numbering)",
        "cases": CASES,
    })
    make_running_cases()
    write_json(os.path.join(RUN_OUT, "running.json"), {
        "generator": "tools/golden/make_norm_golden.py",
        "torch": torch.__version__,
        "layout": "x, train_y: (steps, P) with each row reshaped to batch_shape; running_mean/var: (steps, C) "
                  "after each step; eval_x, eval_y: (P) reshaped to batch_shape, eval mode after the last step",
        "cases": RUNNING,
    })
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(OUT) for f in fs)
    print(f"{len(CASES)} normalization cases, {len(RUNNING)} running-stats cases, {total / 1024:.1f} KiB in {OUT}")
    for prefix in ("batch", "layer", "instance", "group", "offset", "const"):
        errs = [c["torch32_max_abs_err"] for c in CASES if c["name"].startswith(prefix)]
        print(f"  PyTorch float32 max |y - y_ref| over {prefix}_*: {max(errs):.3g}")


if __name__ == "__main__":
    main()
