#!/usr/bin/python3
"""Golden reference data for nr::core::BasicMlp and nr::core::Optimizer, computed by PyTorch.

Run with Debian's interpreter (python3-torch, torch 1.13):  /usr/bin/python3 tools/golden/make_mlp_golden.py
It rewrites tests/data/golden/mlp/ (a few small JSON files). Deterministic: inputs and initial parameters come from
numpy's PCG64 seeded by a CRC of the case name.

Everything runs in float64, so the stored values are the exact answers for the stored inputs (to ~1e-15); the C++
test compares its double instantiation tightly and its float one loosely.

Parameters are stored flat in nr::core::BasicMlp's order: for each dense layer W (column-major, i.e. W.T
flattened), b, then the norm layer's gamma and beta when the hidden layer has one. Gradients use the same layout.

optimizers.json  one case per optimizer: a 3-5-4-1 tanh net, BCE with logits, one batch of 6, three steps.
                 PyTorch's SGD/Adam weight_decay is the coupled kind: the C++ side sets Regularization::l2 to it
                 (with includeBiases, since torch decays every parameter). AdamW's weight_decay is decoupled:
                 OptimizerSpec::weightDecay. Stored: initial params, then loss and params after each step.
norm_layers.json forward/backward of networks with a BatchNorm or LayerNorm hidden layer (train mode): the loss,
                 the gradient of every parameter, the BN running statistics after the step, and the eval-mode
                 output after it.
"""

import json
import os
import zlib

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "tests", "data", "golden", "mlp")
torch.set_default_dtype(torch.float64)


def rng_for(name):
    return np.random.default_rng(zlib.crc32(name.encode("utf-8")))


def build(inputs, hidden, outputs):
    """hidden: list of (units, activation, norm). Returns the Sequential and a list of (linear, norm) per layer."""
    acts = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid, "linear": torch.nn.Identity}
    mods, layers, fan_in = [], [], inputs
    for units, act, norm in hidden:
        lin = torch.nn.Linear(fan_in, units)
        mods.append(lin)
        nm = None
        if norm == "batch":
            nm = torch.nn.BatchNorm1d(units, eps=1e-5, momentum=0.1)
        elif norm == "layer":
            nm = torch.nn.LayerNorm(units, eps=1e-5)
        if nm is not None:
            mods.append(nm)
        mods.append(acts[act]())
        layers.append((lin, nm))
        fan_in = units
    lin = torch.nn.Linear(fan_in, outputs)
    mods.append(lin)
    layers.append((lin, None))
    return torch.nn.Sequential(*mods), layers


def flat(layers, grad=False):
    out = []
    for lin, nm in layers:
        get = (lambda p: p.grad) if grad else (lambda p: p)
        out += get(lin.weight).detach().T.reshape(-1).tolist() + get(lin.bias).detach().tolist()
        if nm is not None:
            out += get(nm.weight).detach().tolist() + get(nm.bias).detach().tolist()
    return out


def randomize(layers, rng):
    with torch.no_grad():
        for lin, nm in layers:
            lin.weight.copy_(torch.from_numpy(rng.normal(0, 0.7, lin.weight.shape)))
            lin.bias.copy_(torch.from_numpy(rng.normal(0, 0.3, lin.bias.shape)))
            if nm is not None:
                nm.weight.copy_(torch.from_numpy(rng.uniform(0.5, 1.5, nm.weight.shape)))
                nm.bias.copy_(torch.from_numpy(rng.normal(0, 0.2, nm.bias.shape)))


def loss_fn(kind):
    return {"mse": torch.nn.MSELoss(), "bce-with-logits": torch.nn.BCEWithLogitsLoss(),
            "softmax-cross-entropy": torch.nn.CrossEntropyLoss()}[kind]


def targets(kind, rng, n, outputs):
    if kind == "softmax-cross-entropy":
        return rng.integers(0, outputs, n).astype(np.float64)
    if kind == "bce-with-logits":
        return (rng.uniform(size=(n, outputs)) > 0.5).astype(np.float64)
    return rng.normal(size=(n, outputs))


def as_target(kind, y):
    t = torch.from_numpy(y)
    return t.long() if kind == "softmax-cross-entropy" else t


def optimizer_case(name, make_opt, spec):
    rng = rng_for(name)
    hidden = [(5, "tanh", "none"), (4, "tanh", "none")]
    model, layers = build(3, hidden, 1)
    randomize(layers, rng)
    x = rng.normal(size=(6, 3))
    y = targets("bce-with-logits", rng, 6, 1)
    opt = make_opt(model.parameters())
    lf = loss_fn("bce-with-logits")
    case = {"name": name, "inputs": 3, "hidden": [list(h) for h in hidden], "outputs": 1, "loss": "bce-with-logits",
            "n": 6, "x": x.reshape(-1).tolist(), "y": y.reshape(-1).tolist(), "optimizer": spec,
            "params0": flat(layers), "steps": []}
    for _ in range(3):
        opt.zero_grad()
        loss = lf(model(torch.from_numpy(x)), torch.from_numpy(y))
        loss.backward()
        opt.step()
        case["steps"].append({"loss": loss.item(), "params": flat(layers)})
    return case


def norm_case(name, hidden, outputs, loss_kind, n):
    rng = rng_for(name)
    model, layers = build(3, hidden, outputs)
    randomize(layers, rng)
    x = rng.normal(1.0, 2.0, size=(n, 3))
    y = targets(loss_kind, rng, n, outputs)
    case = {"name": name, "inputs": 3, "hidden": [list(h) for h in hidden], "outputs": outputs, "loss": loss_kind,
            "n": n, "x": x.reshape(-1).tolist(), "y": y.reshape(-1).tolist(), "params": flat(layers)}
    model.train()
    loss = loss_fn(loss_kind)(model(torch.from_numpy(x)), as_target(loss_kind, y))
    loss.backward()
    case["loss_value"] = loss.item()
    case["grads"] = flat(layers, grad=True)
    case["running"] = [{"layer": i, "mean": nm.running_mean.tolist(), "var": nm.running_var.tolist()}
                       for i, (lin, nm) in enumerate(layers) if isinstance(nm, torch.nn.BatchNorm1d)]
    model.eval()
    with torch.no_grad():
        case["eval_logits"] = model(torch.from_numpy(x)).reshape(-1).tolist()
    return case


def main():
    os.makedirs(OUT, exist_ok=True)
    opt_cases = [
        optimizer_case("sgd", lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.01),
                       {"kind": "sgd", "lr": 0.1, "l2": 0.01, "weight_decay": 0.0}),
        optimizer_case("momentum", lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, weight_decay=0.01),
                       {"kind": "momentum", "lr": 0.1, "momentum": 0.9, "l2": 0.01, "weight_decay": 0.0}),
        optimizer_case("adam", lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01),
                       {"kind": "adam", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "l2": 0.01,
                        "weight_decay": 0.0}),
        optimizer_case("adamw", lambda p: torch.optim.AdamW(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1),
                       {"kind": "adamw", "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "l2": 0.0,
                        "weight_decay": 0.1}),
    ]
    norm_cases = [
        norm_case("batchnorm_tanh_mse", [(5, "tanh", "batch"), (4, "relu", "none")], 2, "mse", 8),
        norm_case("batchnorm_two_layers_bce", [(4, "sigmoid", "batch"), (4, "tanh", "batch")], 1, "bce-with-logits", 5),
        norm_case("layernorm_relu_softmax", [(6, "relu", "layer"), (4, "tanh", "layer")], 3, "softmax-cross-entropy", 7),
    ]
    for fname, cases in (("optimizers.json", opt_cases), ("norm_layers.json", norm_cases)):
        with open(os.path.join(OUT, fname), "w") as f:
            json.dump({"generator": "tools/golden/make_mlp_golden.py", "torch": torch.__version__, "cases": cases}, f,
                      indent=None, separators=(",", ":"))
            f.write("\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
