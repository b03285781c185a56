#!/usr/bin/python3
"""PyTorch golden data for the batch-stats and weight-norm lessons' core code.

Run with Debian's interpreter (python3-torch, torch 1.13):  /usr/bin/python3 tools/golden/make_lesson_golden.py
It rewrites tests/data/golden/lessons/lessons.json (a few kB). Deterministic.

batch_stats: the batches of nr::core::simulateBatches, regenerated here with the same generator (nr::core::Rng is
SplitMix64 + Box-Muller, reimplemented below bit for bit; Python floats and glibc's libm are the same doubles as
C++'s), rounded to float32 as drawBatch stores them, then pushed through torch.nn.BatchNorm1d in float64 (training
mode: running mean and unbiased running variance), F.batch_norm on the probe's batch (training output, no update),
eval mode with the running statistics, F.layer_norm and F.group_norm(G = 2) on the probe alone.

weight_norm: ∂L/∂g and ∂L/∂v by autograd through torch._weight_norm for the quadratic bowl of
nr::core::Quadratic2, and three steps of gradient descent on (g, v).

feature_scaling (scikit-learn, python3-sklearn): MinMaxScaler, StandardScaler and RobustScaler on a fixed matrix
with an outlier, LinearRegression's slopes, and Ridge(alpha) slopes on raw and standardized features. sklearn's
Ridge minimizes ‖y − Xw − b‖² + alpha‖w‖², which is our (1/2n)‖·‖² + (λ/2)‖w‖² with λ = alpha/n.
"""

import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "golden", "lessons")
MASK = (1 << 64) - 1


class Rng:
    """nr::core::Rng."""

    def __init__(self, seed):
        self.state = seed & MASK
        self.spare = None

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def uniform(self):
        return (self.next() >> 11) * (1.0 / 9007199254740992.0)

    def normal(self, mean, sd):
        if self.spare is not None:
            v, self.spare = self.spare, None
            return mean + sd * v
        u1, u2 = self.uniform(), self.uniform()
        u1 = max(u1, 1e-300)
        r, t = math.sqrt(-2.0 * math.log(u1)), 6.283185307179586 * u2
        self.spare = r * math.sin(t)
        return mean + sd * (r * math.cos(t))


def batch_stats_case(batch, momentum, steps, seed):
    mean = [1.5, -0.5, 3.0, 0.0]
    sd = [1.0, 0.5, 2.0, 1.5]
    probe = [2.0, -1.0, 1.0, 0.5]
    gamma, beta, eps = 1.5, 0.25, 1e-5
    c = len(mean)
    rng = Rng(seed)
    bn = torch.nn.BatchNorm1d(c, eps=eps, momentum=momentum).double()
    with torch.no_grad():
        bn.weight.fill_(gamma)
        bn.bias.fill_(beta)
    w, b = bn.weight.detach(), bn.bias.detach()
    p = torch.tensor([np.float32(v) for v in probe], dtype=torch.float64).reshape(1, c)
    out = []
    for _ in range(steps):
        x = np.zeros((batch, c), dtype=np.float32)
        for n in range(batch):
            for k in range(c):
                x[n, k] = np.float32(rng.normal(mean[k], sd[k]))
        xt = torch.tensor(x, dtype=torch.float64)
        bn.train()
        bn(xt)
        xp = xt.clone()
        xp[0] = p[0]
        train = F.batch_norm(xp, None, None, w, b, training=True, eps=eps)[0]
        ev = F.batch_norm(p, bn.running_mean, bn.running_var, w, b, training=False, eps=eps)[0]
        ln = F.layer_norm(p, (c,), w, b, eps=eps)[0]
        gn = F.group_norm(p, 2, w, b, eps=eps)[0]
        out.append({
            "batch_mean": xt.mean(0).tolist(),
            "batch_var": xt.var(0, unbiased=False).tolist(),
            "running_mean": bn.running_mean.tolist(),
            "running_var": bn.running_var.tolist(),
            "probe_train": train.tolist(), "probe_eval": ev.tolist(),
            "probe_layer": ln.tolist(), "probe_group": gn.tolist(),
        })
    return {"mean": mean, "sd": sd, "probe": probe, "gamma": gamma, "beta": beta, "eps": eps, "batch": batch,
            "momentum": momentum, "seed": seed, "steps": out}


def weight_norm_case(g0, v0, opt, a1, a2, angle, lr, steps):
    r = torch.tensor([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]], dtype=torch.float64)
    hess = r @ torch.diag(torch.tensor([a1, a2], dtype=torch.float64)) @ r.T
    wstar = torch.tensor(opt, dtype=torch.float64)
    g = torch.tensor([[g0]], dtype=torch.float64, requires_grad=True)
    v = torch.tensor([v0], dtype=torch.float64, requires_grad=True)
    path = []
    for t in range(steps + 1):
        w = torch._weight_norm(v, g, 0)[0]
        d = w - wstar
        loss = 0.5 * d @ hess @ d
        g.grad = v.grad = None
        loss.backward()
        path.append({"g": g.item(), "v": v.detach()[0].tolist(), "w": w.detach().tolist(), "loss": loss.item(),
                     "grad_g": g.grad.item(), "grad_v": v.grad[0].tolist()})
        with torch.no_grad():
            g -= lr * g.grad
            v -= lr * v.grad
    return {"g0": g0, "v0": v0, "optimum": opt, "a1": a1, "a2": a2, "angle": angle, "lr": lr, "path": path}


def feature_scaling_case():
    from sklearn.linear_model import LinearRegression, Ridge
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    rng = np.random.default_rng(20241122)
    n = 25
    z1 = rng.normal(size=n)
    z2 = 0.6 * z1 + 0.8 * rng.normal(size=n)
    x = np.stack([2.0 + z1, 50.0 + 20.0 * z2], axis=1)
    x[0, 0] = 14.0
    y = 3.0 + z1 + z2 + 0.4 * rng.normal(size=n)
    out = {"x": x.tolist(), "y": y.tolist()}
    for name, scaler in (("minmax", MinMaxScaler()), ("standard", StandardScaler()), ("robust", RobustScaler())):
        out[name] = scaler.fit_transform(x).tolist()
    out["ols"] = LinearRegression().fit(x, y).coef_.tolist()
    alpha = 7.5
    out["alpha"] = alpha
    out["ridge_raw"] = Ridge(alpha=alpha, solver="cholesky").fit(x, y).coef_.tolist()
    out["ridge_standard"] = Ridge(alpha=alpha, solver="cholesky").fit(StandardScaler().fit_transform(x), y).coef_.tolist()
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    data = {
        "batch_stats": [batch_stats_case(2, 0.2, 5, 7), batch_stats_case(16, 0.1, 5, 11),
                        batch_stats_case(64, 0.5, 3, 3)],
        "weight_norm": [weight_norm_case(1.3, [0.8, 1.9], [1.5, -0.5], 3.0, 0.4, 0.6, 0.1, 3),
                        weight_norm_case(0.5, [-2.0, 0.3], [0.2, 1.0], 1.0, 1.0, 0.0, 0.3, 3)],
        "feature_scaling": feature_scaling_case(),
    }
    with open(os.path.join(OUT, "lessons.json"), "w") as f:
        json.dump(data, f, indent=1)


if __name__ == "__main__":
    main()
