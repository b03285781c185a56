#!/usr/bin/python3
"""Golden cross-validation results for nr::core::crossValidate, computed by scikit-learn's LassoCV/ElasticNetCV.

Run with Debian's interpreter (python3-sklearn):  /usr/bin/python3 tools/golden/make_fit_golden.py
It rewrites tests/data/golden/fit/ (a few KB). CI only reads these files; it never needs scikit-learn.

The folds are ours: nr::core::foldIds(n, k, seed) is re-implemented here bit for bit (SplitMix64 as in nr/rng.h,
a Fisher-Yates shuffle from the end with rng.below(i + 1) = next() % (i + 1), fold(perm[i]) = i % k), and written
to folds_seed0_k5.csv so the C++ test also checks that both implementations agree. scikit-learn gets the same
(train, test) splits through `cv=`, the same lambda grid (our lambdaGrid: 100 values log-spaced from lambda_max
down to 1e-3 lambda_max) and tol = 1e-12, so its per-fold paths are the exact solutions, like ours.

Layout of tests/data/golden/fit/:
  folds_seed0_k5.csv         fold id of each of the 442 diabetes rows
  cv_lasso_seed0_k5.csv      lambda, mean MSE, then the held-out MSE of each fold (mse_path_)
  cv_enet05_seed0_k5.csv     the same for l1_ratio = 0.5
  cv_summary.json            scikit-learn's alpha_ (lambda_min) for both
"""

import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNetCV, LassoCV

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, "assets", "data")
OUT = os.path.join(ROOT, "tests", "data", "golden", "fit")
MASK = (1 << 64) - 1


class Rng:
    """nr::core::Rng (SplitMix64)."""

    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n if n else 0


def fold_ids(n, k, seed):
    perm = list(range(n))
    rng = Rng(seed)
    for i in range(n - 1, 0, -1):
        j = rng.below(i + 1)
        perm[i], perm[j] = perm[j], perm[i]
    fold = [0] * n
    for i in range(n):
        fold[perm[i]] = i % k
    return np.array(fold)


def grid(x, y, rho, count=100, ratio=1e-3):
    n = x.shape[0]
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    top = np.max(np.abs(xc.T @ yc)) / (n * rho)
    g = 10.0 ** np.linspace(np.log10(top), np.log10(top * ratio), count)
    g[0] = top
    return g


def fmt(v):
    return repr(float(v))


def main():
    os.makedirs(OUT, exist_ok=True)
    x = np.loadtxt(os.path.join(DATA, "diabetes_X.csv"), delimiter=",", skiprows=1)
    y = np.loadtxt(os.path.join(DATA, "diabetes_y.csv"), delimiter=",", skiprows=1)
    n, k = x.shape[0], 5
    folds = fold_ids(n, k, 0)
    with open(os.path.join(OUT, "folds_seed0_k5.csv"), "w") as f:
        f.write("fold\n" + "".join(f"{v}\n" for v in folds))
    splits = [(np.where(folds != f)[0], np.where(folds == f)[0]) for f in range(k)]
    summary = {"sklearn": sklearn.__version__, "n": n, "folds": k, "seed": 0, "tol": 1e-12}
    for name, rho in (("lasso", 1.0), ("enet05", 0.5)):
        alphas = grid(x, y, rho)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a ConvergenceWarning would make the golden file worthless
            if rho == 1.0:
                m = LassoCV(alphas=alphas, cv=splits, tol=1e-12, max_iter=10**7).fit(x, y)
            else:
                m = ElasticNetCV(l1_ratio=rho, alphas=alphas, cv=splits, tol=1e-12, max_iter=10**7).fit(x, y)
        assert np.allclose(m.alphas_, alphas, rtol=0, atol=0), "scikit-learn reordered the grid"
        mse = m.mse_path_  # (n_alphas, n_folds)
        with open(os.path.join(OUT, f"cv_{name}_seed0_k5.csv"), "w") as f:
            f.write("lambda,mean," + ",".join(f"fold{i}" for i in range(k)) + "\n")
            for a, row in zip(alphas, mse):
                f.write(",".join([fmt(a), fmt(row.mean())] + [fmt(v) for v in row]) + "\n")
        summary[name] = {"lambda_min": float(m.alpha_), "l1_ratio": rho}
    with open(os.path.join(OUT, "cv_summary.json"), "w") as f:
        json.dump(summary, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
